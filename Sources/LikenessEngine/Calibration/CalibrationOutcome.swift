import LikenessAnalysis
import LikenessCore

/// What a calibration found, in the method's own units (cosine, or distance for hashes).
///
/// The JSON holds the summary, every rule's choice and the saved file; the curve and the raw
/// scores behind the plots stay in memory only (nil and empty when decoded).
public struct CalibrationOutcome: Sendable, Codable {
    /// One threshold rule's result.
    public struct Choice: Sendable, Codable {
        public var rule: CalibrationFile.Rule
        /// The rule's threshold in the method's units, with precision, recall, false-positive rate
        /// and F1 there.
        public var point: OperatingPoint
        /// Bootstrap interval of the threshold.
        public var interval: ScoreCalibration.Interval?

        public init(rule: CalibrationFile.Rule, point: OperatingPoint, interval: ScoreCalibration.Interval?) {
            self.rule = rule
            self.point = point
            self.interval = interval
        }

        private enum CodingKeys: String, CodingKey {
            case rule, threshold, precision, recall, falsePositiveRate, f1, interval
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rule = try c.decode(CalibrationFile.Rule.self, forKey: .rule)
            point = OperatingPoint(threshold: try c.decode(Double.self, forKey: .threshold), precision: try c.decode(Double.self, forKey: .precision),
                                   recall: try c.decode(Double.self, forKey: .recall), f1: try c.decode(Double.self, forKey: .f1),
                                   falsePositiveRate: try c.decode(Double.self, forKey: .falsePositiveRate))
            interval = try c.decodeIfPresent(ScoreCalibration.Interval.self, forKey: .interval)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rule, forKey: .rule)
            try c.encode(point.threshold, forKey: .threshold)
            try c.encode(point.precision, forKey: .precision)
            try c.encode(point.recall, forKey: .recall)
            try c.encode(point.falsePositiveRate ?? 0, forKey: .falsePositiveRate)
            try c.encode(point.f1, forKey: .f1)
            try c.encodeIfPresent(interval, forKey: .interval)
        }
    }

    /// Why the saved threshold's precision and recall may not hold: too few pairs, a target the
    /// bootstrap could not always reach, an interval over which precision or recall changes a lot,
    /// precision measured on a balanced mix. Shells show each one loudly; empty when none applies.
    public var warnings: [String]
    public var method: String
    public var scale: CalibrationFile.Scale
    public var positives: Int
    public var negatives: Int
    public var rocAUC: Double
    public var rocAUCInterval: ScoreCalibration.Interval?
    public var averagePrecision: Double
    public var equalErrorRate: Double
    public var bootstrapResamples: Int
    /// Every rule asked for; a target that cannot be reached is left out.
    public var choices: [Choice]
    /// The saved calibration: the chosen rule's threshold (and per-cluster thresholds).
    public var file: CalibrationFile
    /// The full calibration in score space (cosine, or negated distance), for plots; not encoded.
    public var calibration: ScoreCalibration?
    /// The raw scores in the method's units, positives and negatives, for histograms; not encoded.
    public var positiveScores: [Double] = []
    public var negativeScores: [Double] = []

    private enum CodingKeys: String, CodingKey {
        case warnings, method, scale, positives, negatives, rocAUC, rocAUCInterval, averagePrecision, equalErrorRate, bootstrapResamples, choices, file
    }
}
