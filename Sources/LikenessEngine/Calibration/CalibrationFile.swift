import Foundation
import LikenessAnalysis
import LikenessCore

/// A threshold chosen by `likeness calibrate --save`, read back by `dupes`, `leakage` and
/// `novelty` with `--calibration FILE` so the number in use is the one measured on labelled pairs.
public struct CalibrationFile: Sendable, Codable, Equatable {
    /// How the threshold reads.
    public enum Scale: String, Sendable, Codable {
        /// Cosine similarity: a pair at or above the threshold is the same.
        case cosine
        /// A hash distance: a pair at or below the threshold is the same.
        case distance
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
    /// In the scale's own unit (cosine, or distance).
    public var threshold: Double
    /// Measured on the labelled pairs at ``threshold``.
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var positives: Int
    public var negatives: Int
    /// Bootstrap interval of the chosen threshold, when one was computed.
    public var interval: ScoreCalibration.Interval?
    /// Per-cluster thresholds, when calibrated with `--per-cluster`.
    public var clusters: [ClusterThreshold]?

    public init(method: String, modelFingerprint: String?, scale: Scale, rule: Rule, threshold: Double,
                precision: Double, recall: Double, f1: Double, positives: Int, negatives: Int,
                interval: ScoreCalibration.Interval? = nil, clusters: [ClusterThreshold]? = nil) {
        self.version = Self.currentVersion
        self.method = method
        self.modelFingerprint = modelFingerprint
        self.scale = scale
        self.rule = rule
        self.threshold = threshold
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.positives = positives
        self.negatives = negatives
        self.interval = interval
        self.clusters = clusters
    }

    /// Why a calibration file cannot be used.
    public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(path: String)
        case malformed(path: String, reason: String)
        case newerVersion(path: String, version: Int)
        case wrongMethod(path: String, calibrated: String, requested: String)
        case wrongScale(path: String, scale: Scale, needed: Scale)

        public var description: String {
            switch self {
            case .unreadable(let path): "\(path): cannot read the calibration file"
            case .malformed(let path, let reason): "\(path): not a Likeness calibration (\(reason))"
            case .newerVersion(let path, let version): "\(path): calibration format \(version) is newer than this Likeness reads (\(CalibrationFile.currentVersion))"
            case .wrongMethod(let path, let calibrated, let requested):
                "\(path): calibrated for \(calibrated), but this run uses \(requested); calibrate again with the same method"
            case .wrongScale(let path, let scale, let needed):
                "\(path): holds a \(scale.rawValue) threshold, but this job needs a \(needed.rawValue) threshold"
            }
        }
    }

    /// Reads and checks a saved calibration.
    public static func load(_ path: String) throws(LoadError) -> CalibrationFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        struct Versioned: Decodable { var version: Int }
        guard let versioned = try? JSONDecoder().decode(Versioned.self, from: data) else {
            throw .malformed(path: path, reason: "no version field")
        }
        guard versioned.version <= currentVersion else { throw .newerVersion(path: path, version: versioned.version) }
        do { return try JSONDecoder().decode(CalibrationFile.self, from: data) } catch {
            throw .malformed(path: path, reason: "\(error)")
        }
    }

    /// Writes pretty JSON.
    public func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Checks this calibration fits a job that scores with `method` on `scale`.
    public func checked(method requested: String, scale needed: Scale, path: String) throws(LoadError) -> CalibrationFile {
        guard scale == needed else { throw .wrongScale(path: path, scale: scale, needed: needed) }
        guard method == requested else { throw .wrongMethod(path: path, calibrated: method, requested: requested) }
        return self
    }

    /// The threshold for an image whose embedding is `vector`: its nearest cluster's, or the global one.
    public func threshold(for vector: [Float]?) -> Double {
        guard let vector, let clusters, !clusters.isEmpty else { return threshold }
        let nearest = clusters.max { $0.centroid.cosineSimilarity(to: vector) < $1.centroid.cosineSimilarity(to: vector) }!
        return nearest.threshold
    }
}
