import LikenessCore

/// One decision threshold and how well it separates "same" from "different" there: precision,
/// recall and F1, plus the false-positive rate and the counts behind them where they are known.
///
/// Every rule that calls pairs the same (a calibrated cosine, a hash radius, a benchmark's
/// grouping) reports its accuracy as one of these. The threshold is in the unit of whatever was
/// thresholded: a score (higher = more alike), a cosine, or a distance (lower = more alike).
/// Optional fields are left out of the JSON when unknown.
public struct OperatingPoint: Sendable, Codable, Equatable {
    public var threshold: Double
    /// Share of the pairs called the same that are the same; 1 when none is called the same.
    public var precision: Double
    /// Share of the same pairs that are called the same.
    public var recall: Double
    /// Harmonic mean of precision and recall; 0 when both are 0.
    public var f1: Double
    /// Share of the different pairs called the same; nil when different pairs were not counted.
    public var falsePositiveRate: Double?
    /// Same pairs called the same, when counted.
    public var truePositives: Int?
    /// Different pairs called the same, when counted.
    public var falsePositives: Int?
    /// Same pairs not called the same, when counted.
    public var falseNegatives: Int?

    /// A point from its rates; F1 is computed from them unless given.
    public init(threshold: Double, precision: Double, recall: Double, f1: Double? = nil, falsePositiveRate: Double? = nil) {
        self.threshold = threshold
        self.precision = precision
        self.recall = recall
        self.f1 = f1 ?? Self.f1(precision: precision, recall: recall)
        self.falsePositiveRate = falsePositiveRate
    }

    /// A point from counts: `truePositives` and `falsePositives` among the pairs called the same,
    /// out of `positives` same pairs and (when known) `negatives` different pairs.
    public init(threshold: Double, truePositives: Int, falsePositives: Int, positives: Int, negatives: Int? = nil) {
        let precision = truePositives + falsePositives > 0 ? Double(truePositives) / Double(truePositives + falsePositives) : 1
        let recall = positives > 0 ? Double(truePositives) / Double(positives) : 0
        self.init(threshold: threshold, precision: precision, recall: recall,
                  falsePositiveRate: negatives.map { $0 > 0 ? Double(falsePositives) / Double($0) : 0 })
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = positives - truePositives
    }

    /// The harmonic mean of precision and recall, 0 when both are 0.
    public static func f1(precision: Double, recall: Double) -> Double {
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// Threshold, precision, recall and F1 alone: what outputs that show only those print.
    public var rates: OperatingPoint {
        OperatingPoint(threshold: threshold, precision: precision, recall: recall, f1: f1)
    }

    /// The same point with the threshold in another unit (a negated distance back to a distance,
    /// thousandths of 1 − cosine back to a cosine).
    public func converted(_ unit: (Double) -> Double) -> OperatingPoint {
        var copy = self
        copy.threshold = unit(threshold)
        return copy
    }
}

extension OperatingPoint {
    /// The false-positive rate of a point on a calibration curve (where it is always counted).
    var fpr: Double { falsePositiveRate ?? 0 }
}
