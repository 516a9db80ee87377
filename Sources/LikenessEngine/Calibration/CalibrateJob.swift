import Foundation
import LikenessAnalysis
import LikenessCore

/// `calibrate`: from labelled pairs to thresholds by every rule, with bootstrap intervals,
/// optional per-cluster thresholds, and (with ``save``) the file `dupes`, `leakage` and
/// `novelty` read with `--calibration FILE`.
public struct CalibrateJob: Job {
    /// Where the labelled pairs come from.
    public enum PairSource: Sendable, Equatable {
        /// A CSV of rows `path_a,path_b,label` (label same/different or 1/0; rows with an empty
        /// label are not yet labelled and are counted, not used).
        case pairs(file: String)
        /// A folder per class: `pairsPerKind` same-class and as many different-class pairs are
        /// drawn from it with the configuration's seed.
        case classes(folder: String, pairsPerKind: Int = 500)
        /// A CSV of rows `score,label` from any source (higher = more alike).
        case scores(file: String)

        /// The file or folder, as the result names it.
        public var location: String {
            switch self {
            case .pairs(let file), .scores(let file): file
            case .classes(let folder, _): folder
            }
        }
    }

    public var source: PairSource
    /// What scores the pairs: a model id (cosine) or a hash name (its distance). Ignored for
    /// ``PairSource/scores(file:)``. Default: EfficientNet-Lite0.
    public var method: String
    /// ONNX Runtime threads for a model. Default 1.
    public var threads: Int
    /// Targets, the rule to save, bootstrap resamples, clusters and the seed (which also draws
    /// the class pairs). Defaults: see ``CalibrationConfiguration``.
    public var calibration: CalibrationConfiguration
    /// Where to write the chosen calibration as JSON; nil writes nothing. Default nil.
    public var save: String?

    public init(source: PairSource, method: String = ModelDefaults.model, threads: Int = 1,
                calibration: CalibrationConfiguration = CalibrationConfiguration(), save: String? = nil) {
        self.source = source
        self.method = method
        self.threads = threads
        self.calibration = calibration
        self.save = save
    }

    /// What the calibration found and what was left out. The JSON holds `source`, `skipped` and
    /// `calibration`; the counts below are for messages only.
    public struct Result: Codable, Sendable {
        /// The pairs' file or folder.
        public var source: String
        /// Rows and images that could not be used, with why.
        public var skipped: [String]
        public var calibration: CalibrationOutcome
        /// Rows of a pairs file with no label yet (not encoded).
        public var unlabelled = 0
        /// Same-class and different-class pairs drawn from class folders (not encoded).
        public var sampledSame: Int?
        public var sampledDifferent: Int?
        /// Where the calibration was saved (not encoded).
        public var savedTo: String?

        private enum CodingKeys: String, CodingKey { case source, skipped, calibration }
    }

    /// Refuses settings that cannot be what the user meant.
    public func validate() throws(JobError) {
        let c = calibration
        for (name, value) in [("--target-recall", c.targetRecall), ("--target-precision", c.targetPrecision)] {
            if let value, !(0...1).contains(value) { throw .invalidInput("\(name) is a fraction in [0, 1]") }
        }
        if c.rule == .targetRecall && c.targetRecall == nil { throw .invalidInput("--use target-recall needs --target-recall") }
        if c.rule == .targetPrecision && c.targetPrecision == nil { throw .invalidInput("--use target-precision needs --target-precision") }
        if let clusters = c.clusters, clusters < 1 { throw .invalidInput("--per-cluster needs at least 1 cluster") }
        if case .scores = source, c.clusters != nil { throw .invalidInput("--per-cluster needs images (--pairs or --classes), not --scores") }
        if case .classes(_, let perKind) = source, perKind <= 0 { throw .invalidInput("--pairs-per-kind must be positive") }
        guard c.resamples >= 0 else { throw .invalidInput("--bootstrap must be 0 or more") }
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        try validate()
        let scored = try scoredPairs(in: context)
        let outcome: CalibrationOutcome
        do {
            outcome = try ThresholdCalibrator(configuration: calibration)
                .calibrate(scores: scored.scores, labels: scored.labels, method: scored.method, fingerprint: scored.fingerprint,
                           scale: scored.scale, pairs: scored.used, vectors: scored.vectors)
        } catch {
            throw .invalidInput("\(error.description) (read \(scored.labels.count) usable pairs; \(scored.skipped.count) problems)")
        }
        var result = Result(source: source.location, skipped: scored.skipped, calibration: outcome, unlabelled: scored.unlabelled,
                            sampledSame: scored.sampledSame, sampledDifferent: scored.sampledDifferent)
        if let save {
            do { try outcome.file.save(save) } catch { throw .file(path: save, message: "cannot write: \(error.localizedDescription)") }
            result.savedTo = save
        }
        return result
    }
}
