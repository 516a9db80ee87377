import Foundation
import LikenessCore
import LikenessEngine

/// `eval` (retrieval): P@k, R@k, mAP@k, mAP and the UKBench N-S score of several methods side by
/// side, every image (or a seeded sample of whole groups) a query against all others.
public struct EvalJob: Job {
    /// The dataset folder (or IDX file).
    public var dataset: String
    /// How groups are read from file names. Default nil: detected by ``EvalDataset/Layout/detected(for:)``
    /// (an IDX file or folder is read as IDX, anything else as a folder per class).
    public var layout: EvalDataset.Layout?
    /// Methods, in output order. Default: EfficientNet-Lite0, pHash and raw pixels.
    public var methods: [EvalMethod]
    /// Cut-offs k. Default 1, 5, 10.
    public var ks: [Int]
    /// Number of query images; nil: all. Default nil.
    public var queries: Int?
    /// Use only the first N images of an IDX file. Default nil (all).
    public var limit: Int?
    /// ONNX Runtime threads for embedding models. Default 1.
    public var threads: Int
    /// Where to write one CSV row per (method, query); nil writes nothing. Default nil.
    public var perQueryFile: String?
    /// The metric every method is ranked by; nil: each method's own (``EvalMethod/defaultMetric``:
    /// Hamming for hashes, cosine otherwise). A metric that does not fit a method's features
    /// (``EvalMethod/featureKind``) is refused before any image is read. A method with a metric of
    /// its own (``EvalMethod/ownMetric``, `histogram:emd`) keeps it. Default nil.
    public var metric: Metric?
    /// A folder of cached IDX features (`.npy`, as `train --cache-features` and `bench cluster-data`
    /// write them for the train and t10k files together): on an IDX folder, vector methods and the
    /// bases of heads are read from it (computed and cached there when missing) instead of being
    /// computed for the t10k images again. Default nil.
    public var featureCache: String?

    public init(dataset: String, layout: EvalDataset.Layout? = nil,
                methods: [EvalMethod] = [.embedding(ModelDefaults.model), .hash(.pHash), .pixels], ks: [Int] = [1, 5, 10],
                queries: Int? = nil, limit: Int? = nil, threads: Int = 1, perQueryFile: String? = nil, metric: Metric? = nil,
                featureCache: String? = nil) {
        self.metric = metric
        self.featureCache = featureCache
        self.dataset = dataset
        self.layout = layout
        self.methods = methods
        self.ks = ks
        self.queries = queries
        self.limit = limit
        self.threads = threads
        self.perQueryFile = perQueryFile
    }

    /// Every method's scores on the dataset.
    public struct Result: Codable, Sendable {
        public var dataset: String
        public var layout: String
        public var images: Int
        public var groups: Int
        public var methods: [RetrievalEvaluation.Scores]
        /// Queries asked (not encoded; each method's `queries` counts those with a feature).
        public var queryCount = 0
        /// The cut-offs, ascending (not encoded).
        public var ks: [Int] = []
        /// Per method, images without a feature (not encoded).
        public var missingFeatures: [Int] = []

        private enum CodingKeys: String, CodingKey { case dataset, layout, images, groups, methods }
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        guard !ks.isEmpty, ks.allSatisfy({ $0 > 0 }) else { throw .invalidInput("--k takes positive integers") }
        guard !methods.isEmpty else { throw .invalidInput("give at least one method") }
        if let metric {
            for method in methods where method.ownMetric == nil {
                do { try metric.requireFit(method.featureKind, method: method.name) } catch { throw .invalidInput(error.description) }
            }
        }
        let layout = self.layout ?? .detected(for: dataset)
        let data: EvalDataset
        do { data = try EvalDataset.load(dataset, layout: layout, limit: limit) } catch { throw .invalidInput(error.description) }
        try Self.requireGroups(data, dataset: dataset, layout: layout)
        let evaluation = RetrievalEvaluation(dataset: data, ks: ks)
        let queryList = evaluation.sampleQueries(queries)
        let extraction = FeatureExtraction(configuration: .init(models: context.models, modelThreads: max(1, threads), workers: context.workers))
        var result = Result(dataset: dataset, layout: layout.rawValue, images: data.paths.count, groups: data.groupNames.count, methods: [],
                            queryCount: queryList.count, ks: evaluation.ks)
        var computed: [EvalMethod: RetrievalEvaluation.Features] = [:]
        for method in methods {
            try context.checkCancellation()
            let started = ContinuousClock.now
            if let cached = try cachedFeatures(method, images: data.paths.count, extraction: extraction.configuration, context: context) {
                computed[cached.method] = cached.features
            }
            let features: RetrievalEvaluation.Features
            if let known = computed[method] {
                features = known
            } else {
                features = try extraction.features(method, of: data, progress: context.progress, cancellation: context.cancellation, known: computed)
            }
            computed[method] = features
            let seconds = (ContinuousClock.now - started).seconds
            var scores: RetrievalEvaluation.Scores
            let metric = method.ownMetric ?? self.metric ?? method.defaultMetric
            let name = metric == method.defaultMetric ? method.name : "\(method.name) (\(metric.name))"
            do {
                scores = try evaluation.score(method: name, features: method.features(features, for: metric), queries: queryList, metric: metric,
                                            ground: method.groundDistance)
            } catch {
                throw .invalidInput("\(name): \(error.description)")
            }
            scores.featureSeconds = seconds
            result.methods.append(scores)
            result.missingFeatures.append(features.failures)
        }
        if let perQueryFile {
            do { try Data(evaluation.perQueryCSV(result.methods).utf8).write(to: URL(fileURLWithPath: perQueryFile)) } catch {
                throw .file(path: perQueryFile, message: "cannot write: \(error.localizedDescription)")
            }
        }
        return result
    }
}

extension EvalJob {
    /// With a feature cache, an IDX folder holding train and t10k files and no limit: the cached
    /// features of `method` (a vector method) or of its base (a head on a vector method) for the
    /// `images` t10k images (the last rows of the cache), and which method they belong to; nil otherwise.
    func cachedFeatures(_ method: EvalMethod, images: Int, extraction: FeatureExtraction.Configuration,
                        context: JobContext) throws(JobError) -> (method: EvalMethod, features: RetrievalEvaluation.Features)? {
        guard let featureCache, limit == nil, layout ?? .detected(for: dataset) == .idx,
              let (train, test) = ProbeSplit.idxPair(in: dataset) else { return nil }
        var target = method
        if case .head(let name) = method {
            let manifest: HeadManifest
            do { manifest = try HeadStore(modelsDirectory: context.models.modelsDirectory).manifest(name) } catch { throw .head(error) }
            target = try HeadBase.resolve(manifest, named: name, models: context.models)
        }
        guard target.isFixedVector else { return nil }
        let cached = try BenchFeatures.load([train, test], method: target, folder: featureCache, extraction: extraction, context: context)
        guard cached.points.rows > images else { throw .invalidInput("\(cached.path) holds \(cached.points.rows) rows, fewer than the t10k images") }
        let rows = Array((cached.points.rows - images)..<cached.points.rows)
        return (target, .vectors(cached.points.selecting(rows: rows).rowArrays.map { Optional($0) }))
    }

    /// Refuses a dataset whose layout yields fewer than two groups: every image would be relevant
    /// to every query, and P@k would be 1 whatever the method.
    static func requireGroups(_ data: EvalDataset, dataset: String, layout: EvalDataset.Layout) throws(JobError) {
        let groups = Set(data.groups).count
        guard groups < 2 else { return }
        var message = "\(dataset) read as \(layout.rawValue) gives \(groups) group of \(data.paths.count) images; retrieval needs at least two "
            + "(with one, every image is relevant to every query and P@k is 1 whatever the method). "
        switch layout {
        case .folders: message += "Put each class in its own subfolder, or choose --layout ukbench, holidays or idx"
        case .ukbench, .holidays, .idx: message += "Check the dataset and --layout"
        }
        throw .invalidInput(message)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
