import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessEngine
import LikenessIndex
import LikenessNumerics

/// `bench map`: t-SNE and UMAP maps of a labelled image set (Fashion-MNIST by default), timed,
/// with peak memory and trustworthiness, every vector written as `.npy` for the Python peers.
///
/// The features (16×16 pixels or a model's embeddings, through ``FeatureExtraction``) are cached
/// under `cache` by ``BenchFeatures``, the same files `bench cluster-data` writes, so later runs,
/// the clustering benchmark and the cross-check script read the same vectors.
public struct MapBenchJob: Job {
    /// IDX image files (labels beside them); their images are concatenated in this order.
    public var datasets: [String]
    /// The feature to map. Default pixels (16×16 grey).
    public var method: EvalMethod
    /// Folder for cached feature vectors (``BenchFeatures``, shared with `bench cluster-data`).
    /// Default `$LIKENESS_CACHE/bench/fashion`.
    public var cache: String
    /// Images read per file at most; nil reads all.
    public var limit: Int?
    /// PCA components the vectors are reduced to before mapping; 0 keeps them as they are. Default 50.
    public var reduce: Int
    public var projections: [MapBenchmark.Projection]
    public var tsne: TSNE.Configuration
    public var umap: UMAP.Configuration
    /// Points in the seeded sample trustworthiness is computed on. Default 5,000.
    public var sample: Int
    /// Neighbours for trustworthiness. Default 10.
    public var trustworthinessK: Int
    /// Threads for BLAS and the projections; nil: the context's workers.
    public var threads: Int?
    /// Folder to write vectors.npy, labels.npy, sample.npy, pca_variance.npy and one map per projection.
    public var output: String?

    public init(datasets: [String] = BenchFeatures.fashionMNIST, method: EvalMethod = .pixels,
                cache: String = BenchFeatures.defaultFolder(), limit: Int? = nil, reduce: Int = 50,
                projections: [MapBenchmark.Projection] = MapBenchmark.Projection.allCases,
                tsne: TSNE.Configuration = .init(), umap: UMAP.Configuration = .init(), sample: Int = 5000,
                trustworthinessK: Int = 10, threads: Int? = nil, output: String? = nil) {
        self.datasets = datasets
        self.method = method
        self.cache = cache
        self.limit = limit
        self.reduce = reduce
        self.projections = projections
        self.tsne = tsne
        self.umap = umap
        self.sample = sample
        self.trustworthinessK = trustworthinessK
        self.threads = threads
        self.output = output
    }

    public func run(in context: JobContext) throws(JobError) -> MapBenchmark.Result {
        guard !datasets.isEmpty else { throw .invalidInput("give at least one IDX image file") }
        guard reduce >= 0, sample >= 2 * trustworthinessK + 2, trustworthinessK >= 1 else {
            throw .invalidInput("--reduce cannot be negative, --sample must be above 2 × k")
        }
        let threads = max(1, self.threads ?? context.workers)
        BLAS.setThreads(threads)
        let load = MapBenchmark.loadAverage()
        let started = ContinuousClock.now
        let features = try BenchFeatures.load(datasets, method: method, limit: limit, folder: cache,
                                              extraction: .init(models: context.models, workers: threads), context: context)
        let (raw, labels) = (features.points, features.classes)
        let featureSeconds = (ContinuousClock.now - started).seconds
        try context.checkCancellation()

        var points = raw
        var variance: [Double] = [], ratio: Double?, pcaSeconds: Double?
        if reduce > 0 && reduce < raw.columns {
            let clock = ContinuousClock.now
            do {
                let pca = try PCA(fitting: raw, components: reduce)
                points = pca.transform(raw)
                variance = pca.explainedVariance
                ratio = pca.explainedVarianceRatio.reduce(0, +)
            } catch { throw .failed(error.description) }
            pcaSeconds = (ContinuousClock.now - clock).seconds
        }
        var random = SeededRandom(seed: 1)
        let chosen = Array(random.shuffled(Array(0..<points.rows)).prefix(min(sample, points.rows))).sorted()
        let sampledPoints = points.selecting(rows: chosen)
        try write(points, labels: labels, sample: chosen, variance: variance)

        var runs: [MapBenchmark.Run] = []
        for projection in projections {
            try context.checkCancellation()
            let timer = PhaseTimer(forwardingTo: context.progress)
            PeakMemory.reset()
            let clock = ContinuousClock.now
            let map: Matrix
            do {
                switch projection {
                case .tsne:
                    var configuration = tsne
                    configuration.threads = configuration.threads ?? threads
                    map = try TSNE(configuration).fit(points, progress: timer, cancellation: context.cancellation)
                case .umap:
                    map = try UMAP(umap).fit(points, progress: timer, cancellation: context.cancellation)
                }
            } catch FitError.cancelled {
                throw .cancelled
            } catch {
                throw .invalidInput("\(projection.rawValue): \(error)")
            }
            let seconds = (ContinuousClock.now - clock).seconds
            let peak = PeakMemory.megabytes()
            let trust = Trustworthiness.score(high: sampledPoints, low: map.selecting(rows: chosen), k: trustworthinessK)
            var file: String?
            if let output {
                file = (output as NSString).appendingPathComponent("\(projection.rawValue).npy")
                do { try NumpyFile.write(map, to: file!) } catch { throw .file(path: file!, message: "\(error)") }
            }
            runs.append(.init(projection: projection.rawValue, seconds: seconds, phases: timer.seconds, peakMegabytes: peak,
                              trustworthiness: trust, file: file))
        }
        return MapBenchmark.Result(vectors: points.rows, dimension: raw.columns, reducedDimension: points.columns, method: method.name,
                                   threads: threads, featuresFile: features.path, featureSeconds: featureSeconds, featuresFromCache: features.reused, pcaSeconds: pcaSeconds,
                                   pcaExplainedVariance: variance, pcaExplainedVarianceRatio: ratio, trustworthinessK: trustworthinessK,
                                   trustworthinessSample: chosen.count, runs: runs, output: output, loadAverage: load)
    }

    private func write(_ points: Matrix, labels: [Int], sample: [Int], variance: [Double]) throws(JobError) {
        guard let output else { return }
        let folder = output as NSString
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            try NumpyFile.write(points, to: folder.appendingPathComponent("vectors.npy"))
            try NumpyFile.write(labels, to: folder.appendingPathComponent("labels.npy"))
            try NumpyFile.write(sample, to: folder.appendingPathComponent("sample.npy"))
            try NumpyFile.write(Matrix(rows: variance.count, columns: 1, values: variance.map(Float.init)),
                                to: folder.appendingPathComponent("pca_variance.npy"))
        } catch {
            throw .file(path: output, message: "\(error)")
        }
    }
}
