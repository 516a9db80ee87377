import LikenessANN
import LikenessCore

/// `novelty`: query images whose nearest reference image lies below a similarity threshold, each
/// with that nearest match.
public struct NoveltyJob: Job {
    /// Cosine below which a query is novel when neither a threshold nor a calibration is given:
    /// 0.5, midway between unrelated photos (about 0.15–0.35) and heavy edits of a known photo (≥ 0.85).
    public static let defaultThreshold: Float = 0.5

    public var reference: String
    public var query: String
    /// Cosine below which a query image is novel. Default ``defaultThreshold``.
    public var threshold: Float?
    /// A cosine calibration saved by `calibrate --save`; per-cluster calibrations pick the threshold
    /// of the query's nearest cluster.
    public var calibration: String?
    public var model: String
    public var threads: Int
    /// The index the reference set is searched through. Default exact.
    public var index: IndexChoice

    public init(reference: String, query: String, threshold: Float? = nil, calibration: String? = nil,
                model: String = ModelDefaults.model, threads: Int = 1, index: IndexChoice = .exact) {
        self.reference = reference
        self.query = query
        self.threshold = threshold
        self.calibration = calibration
        self.model = model
        self.threads = threads
        self.index = index
    }

    public struct Result: Codable, Sendable {
        /// The global threshold in force (a per-cluster calibration also has one).
        public var threshold: Float
        public var novel: Int
        /// Every query image, least similar first.
        public var queries: [SplitComparison.Nearest]
        /// Clusters of a per-cluster calibration; nil for one threshold.
        public var calibrationClusters: Int?
        public var skipped: [ScannedFailure]?
        /// What the user should know about these results (a small-sample calibration).
        public var warnings: [String]?
        /// The index the reference set was searched through (what `auto` chose).
        public var index: String?
        /// For an approximate index: whether it was read from the copy saved next to the catalog.
        public var indexOrigin: IndexOrigin?
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        if threshold != nil && calibration != nil { throw .invalidInput("give --threshold or --calibration, not both") }
        try SplitFolders.requireSeparate(.init(role: "--reference", path: reference), .init(role: "--query", path: query))
        let opened = try context.models.open(model, threads: threads)
        let calibrated = try CalibrationLoading.cosine(calibration, for: opened)
        let threshold = calibrated.map { Float($0.threshold) } ?? self.threshold ?? Self.defaultThreshold
        let (split, skipped, _) = try SplitComparison.prepared(first: [reference], second: [query], model: opened, index: index, context: context)
        guard !split.first.isEmpty else { throw .invalidInput("no usable reference images in \(reference)") }
        let rows = calibrated.map { file in split.novelty { Float(file.threshold(for: $0)) } } ?? split.novelty(threshold: threshold)
        return Result(threshold: threshold, novel: rows.filter(\.novel).count, queries: rows,
                      calibrationClusters: calibrated?.clusters?.count, skipped: skipped.isEmpty ? nil : skipped,
                      warnings: calibrated?.smallSampleWarning.map { [$0] }, index: split.referenceIndexUsed.description,
                          indexOrigin: split.referenceIndexOrigin)
    }
}
