import LikenessCore

/// Settings for ``ThresholdCalibrator``.
public struct CalibrationConfiguration: Sendable {
    /// Fewest same pairs, and fewest different pairs, a threshold is computed from unless
    /// ``allowSmall`` is set: 20. With fewer, one pair moves recall or the false-positive rate by
    /// more than 5 points, best F1 jumps between a few candidate thresholds, and the bootstrap can
    /// only resample the same handful of scores, so its interval says little.
    public static let minimumPairs = 20

    /// Also find the highest threshold that still reaches this recall.
    public var targetRecall: Double?
    /// Also find the lowest threshold that keeps this precision.
    public var targetPrecision: Double?
    /// The rule whose threshold is saved. Default: the target recall when given, else the target
    /// precision when given, else best F1.
    public var rule: CalibrationFile.Rule?
    /// Bootstrap resamples for confidence intervals; 0 skips them. Default 200.
    public var resamples: Int
    /// Clusters with their own threshold (embeddings only); nil for one global threshold.
    public var clusters: Int?
    public var seed: UInt64
    /// Calibrate from fewer than ``minimumPairs`` of a kind; the result and its file are then
    /// marked (``CalibrationFile/smallSample``). Default false: refused.
    public var allowSmall: Bool

    public init(targetRecall: Double? = nil, targetPrecision: Double? = nil, rule: CalibrationFile.Rule? = nil,
                resamples: Int = 200, clusters: Int? = nil, seed: UInt64 = 1, allowSmall: Bool = false) {
        self.targetRecall = targetRecall
        self.targetPrecision = targetPrecision
        self.rule = rule
        self.resamples = max(0, resamples)
        self.clusters = clusters
        self.seed = seed
        self.allowSmall = allowSmall
    }

    /// The rule to save, given what was asked for.
    public var chosenRule: CalibrationFile.Rule {
        rule ?? (targetRecall != nil ? .targetRecall : targetPrecision != nil ? .targetPrecision : .bestF1)
    }
}
