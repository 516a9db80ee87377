import LikenessCore

/// Settings for ``ThresholdCalibrator``.
public struct CalibrationConfiguration: Sendable {
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

    public init(targetRecall: Double? = nil, targetPrecision: Double? = nil, rule: CalibrationFile.Rule? = nil,
                resamples: Int = 200, clusters: Int? = nil, seed: UInt64 = 1) {
        self.targetRecall = targetRecall
        self.targetPrecision = targetPrecision
        self.rule = rule
        self.resamples = max(0, resamples)
        self.clusters = clusters
        self.seed = seed
    }

    /// The rule to save, given what was asked for.
    public var chosenRule: CalibrationFile.Rule {
        rule ?? (targetRecall != nil ? .targetRecall : targetPrecision != nil ? .targetPrecision : .bestF1)
    }
}
