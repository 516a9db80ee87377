import Foundation
import LikenessAnalysis
import LikenessCore

/// A threshold chosen by `likeness calibrate --save`, read back by `dupes`, `leakage` and
/// `novelty` with `--calibration FILE` so the number in use is the one measured on labelled pairs.
///
/// Read it with ``load(_:)``, which validates what the file can say about itself (version, finite
/// numbers, consistent centroids); a job then checks it against the model it opened with
/// ``checked(for:)`` (or a hash calibration with ``checked(method:scale:path:)``).
public struct CalibrationFile: Sendable, Codable, Equatable {
    /// How the threshold reads.
    public enum Scale: String, Sendable, Codable {
        /// Cosine similarity: a pair at or above the threshold is the same.
        case cosine
        /// A hash distance: a pair at or below the threshold is the same.
        case distance
        /// A pair scorer's probability (`train siamese`): a pair at or above the threshold is the same.
        case probability

        /// True when a higher score means more alike (cosine, probability).
        public var higherIsMoreAlike: Bool { self != .distance }

        /// How the scale reads, for people.
        public var explanation: String {
            switch self {
            case .cosine: "cosine similarity, higher = more alike"
            case .distance: "distance, lower = more alike"
            case .probability: "pair scorer's probability, higher = more alike"
            }
        }
    }

    /// Which rule chose the threshold.
    public enum Rule: String, Sendable, Codable, CaseIterable {
        case bestF1 = "best-f1"
        case youden
        case valley
        case targetRecall = "target-recall"
        case targetPrecision = "target-precision"
    }

    /// A threshold for one cluster of images (see `calibrate --per-cluster`).
    public struct ClusterThreshold: Sendable, Codable, Equatable {
        /// The cluster's centre in the model's embedding space (L2-normalised).
        public var centroid: [Float]
        public var threshold: Double
        public var positives: Int
        public var negatives: Int
        public var f1: Double

        public init(centroid: [Float], threshold: Double, positives: Int, negatives: Int, f1: Double) {
            self.centroid = centroid
            self.threshold = threshold
            self.positives = positives
            self.negatives = negatives
            self.f1 = f1
        }
    }

    /// The format version this build writes.
    public static let currentVersion = 1

    public var version: Int
    /// The model id or hash name the scores came from.
    public var method: String
    /// The model file's SHA-256 for embedding calibrations.
    public var modelFingerprint: String?
    public var scale: Scale
    public var rule: Rule
    /// The chosen threshold (in the scale's own unit: cosine, or distance) with the precision,
    /// recall and F1 measured there on the labelled pairs. Stored flat in the file.
    public var point: OperatingPoint
    public var positives: Int
    public var negatives: Int
    /// Bootstrap interval of the chosen threshold, when one was computed.
    public var interval: ScoreCalibration.Interval?
    /// Per-cluster thresholds, when calibrated with `--per-cluster`.
    public var clusters: [ClusterThreshold]?
    /// True when made with `--allow-small` from fewer than
    /// ``CalibrationConfiguration/minimumPairs`` same or different pairs; jobs that apply it warn.
    /// Stored only when true.
    public var smallSample: Bool
    /// The file this calibration was loaded from (not stored in it); named in every check's error.
    public var path: String?

    public init(method: String, modelFingerprint: String?, scale: Scale, rule: Rule, point: OperatingPoint,
                positives: Int, negatives: Int, interval: ScoreCalibration.Interval? = nil, clusters: [ClusterThreshold]? = nil,
                smallSample: Bool = false) {
        self.version = Self.currentVersion
        self.method = method
        self.modelFingerprint = modelFingerprint
        self.scale = scale
        self.rule = rule
        self.point = point.rates
        self.positives = positives
        self.negatives = negatives
        self.interval = interval
        self.clusters = clusters
        self.smallSample = smallSample
    }

    /// The warning a job gives when it applies a ``smallSample`` calibration; nil otherwise.
    public var smallSampleWarning: String? {
        guard smallSample else { return nil }
        return "\(path ?? "the calibration") was made with --allow-small from only \(positives) same and \(negatives) different pairs "
            + "(fewer than \(CalibrationConfiguration.minimumPairs) of a kind): its threshold \(String(format: "%.4g", threshold)) is a rough guess"
    }

    /// The chosen threshold, in the scale's own unit.
    public var threshold: Double {
        get { point.threshold }
        set { point.threshold = newValue }
    }

    /// Writes pretty JSON.
    public func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The threshold for an image whose embedding is `vector`: its nearest cluster's, or the global
    /// one. Centroids of another length than `vector` are never compared (``checked(for:)`` refuses
    /// such a file before it is used).
    public func threshold(for vector: [Float]?) -> Double {
        guard let vector, let clusters else { return threshold }
        let comparable = clusters.filter { $0.centroid.count == vector.count }
        guard let nearest = comparable.max(by: { $0.centroid.cosineSimilarity(to: vector) < $1.centroid.cosineSimilarity(to: vector) }) else {
            return threshold
        }
        return nearest.threshold
    }

    private enum CodingKeys: String, CodingKey {
        case version, method, modelFingerprint, scale, rule, threshold, precision, recall, f1, positives, negatives, interval, clusters, smallSample
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        method = try c.decode(String.self, forKey: .method)
        modelFingerprint = try c.decodeIfPresent(String.self, forKey: .modelFingerprint)
        scale = try c.decode(Scale.self, forKey: .scale)
        rule = try c.decode(Rule.self, forKey: .rule)
        point = OperatingPoint(threshold: try c.decode(Double.self, forKey: .threshold), precision: try c.decode(Double.self, forKey: .precision),
                               recall: try c.decode(Double.self, forKey: .recall), f1: try c.decode(Double.self, forKey: .f1))
        positives = try c.decode(Int.self, forKey: .positives)
        negatives = try c.decode(Int.self, forKey: .negatives)
        interval = try c.decodeIfPresent(ScoreCalibration.Interval.self, forKey: .interval)
        clusters = try c.decodeIfPresent([ClusterThreshold].self, forKey: .clusters)
        smallSample = try c.decodeIfPresent(Bool.self, forKey: .smallSample) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(method, forKey: .method)
        try c.encodeIfPresent(modelFingerprint, forKey: .modelFingerprint)
        try c.encode(scale, forKey: .scale)
        try c.encode(rule, forKey: .rule)
        try c.encode(point.threshold, forKey: .threshold)
        try c.encode(point.precision, forKey: .precision)
        try c.encode(point.recall, forKey: .recall)
        try c.encode(point.f1, forKey: .f1)
        try c.encode(positives, forKey: .positives)
        try c.encode(negatives, forKey: .negatives)
        try c.encodeIfPresent(interval, forKey: .interval)
        try c.encodeIfPresent(clusters, forKey: .clusters)
        if smallSample { try c.encode(true, forKey: .smallSample) }
    }
}
