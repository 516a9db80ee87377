import LikenessANN
import LikenessCore

/// `leakage`: near-duplicates across a training and a test set, by the rule `dupes` uses.
public struct LeakageJob: Job {
    public var train: String
    public var test: String
    /// The near-duplicate rule. Default: ``DuplicateConfiguration``'s defaults.
    public var configuration: DuplicateConfiguration
    public var model: String
    public var threads: Int
    /// A cosine calibration saved by `calibrate --save`; it replaces the accept threshold.
    public var calibration: String?
    /// The index the training set is searched through. Default exact.
    public var index: IndexChoice

    public init(train: String, test: String, configuration: DuplicateConfiguration = DuplicateConfiguration(),
                model: String = ModelDefaults.model, threads: Int = 1, calibration: String? = nil, index: IndexChoice = .exact) {
        self.train = train
        self.test = test
        self.configuration = configuration
        self.model = model
        self.threads = threads
        self.calibration = calibration
        self.index = index
    }

    /// The leaked pairs, most similar first.
    public struct Result: Codable, Sendable {
        /// Usable images in each set.
        public var train: Int
        public var test: Int
        /// Test images with at least one near-duplicate in training.
        public var leakedTestImages: Int
        public var pairs: [SplitComparison.CrossPair]
        /// Images that could not be embedded.
        public var skipped: [ScannedFailure]?
        /// What the user should know about these results (a small-sample calibration).
        public var warnings: [String]?
        /// The index the training set was searched through (what `auto` chose).
        public var index: String?
    }

    /// Refuses folders that are missing or overlap before any model is opened.
    public func run(in context: JobContext) throws(JobError) -> Result {
        try SplitFolders.requireSeparate(.init(role: "train", path: train), .init(role: "test", path: test))
        let opened = try context.models.open(model, threads: threads)
        var configuration = self.configuration
        let calibrated = try CalibrationLoading.cosine(calibration, for: opened)
        if let calibrated {
            configuration.acceptCosine = Float(calibrated.threshold)
            configuration.candidateCosine = min(configuration.candidateCosine, configuration.acceptCosine)
        }
        let (split, skipped, catalog) = try SplitComparison.prepared(first: [train], second: [test], model: opened,
                                                                     signals: configuration.minimumInliers > 0, index: index, context: context)
        do {
            let leaks = try split.leaks(grouper: try NearDuplicateGrouper(configuration: configuration), catalog: catalog,
                                        progress: context.progress, cancellation: context.cancellation)
            try context.checkCancellation()
            return Result(train: split.first.count, test: split.second.count, leakedTestImages: Set(leaks.map(\.second)).count,
                          pairs: leaks, skipped: skipped.isEmpty ? nil : skipped, warnings: calibrated?.smallSampleWarning.map { [$0] },
                          index: split.referenceIndexUsed.description)
        } catch {
            throw .wrapping(error)
        }
    }
}
