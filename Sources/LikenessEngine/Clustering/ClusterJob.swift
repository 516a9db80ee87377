import Foundation
import LikenessANN
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
import LikenessNumerics

/// `cluster`: groups the images under the folders (or the whole catalog) by their vectors,
/// scanning and filling what is missing first, and optionally saves the clustering by name.
///
/// Vectors are unit-length rows made by the ``ClusterMethod`` (a model's embeddings by default,
/// or pixels, or a bit hash), optionally reduced (``Reduction``); the algorithm runs on them as
/// Euclidean points, and each cluster is then described in the unreduced space (medoid,
/// cohesion, members most typical first).
public struct ClusterJob: Job {
    public var folders: [String]
    public var algorithm: ClusterAlgorithm
    /// Nil: the algorithm's ``ClusterAlgorithm/defaultReduction(for:)`` for the method.
    public var reduction: Reduction?
    /// What makes the vectors (default: the default model's embeddings).
    public var method: ClusterMethod
    /// ONNX Runtime threads for a model method.
    public var threads: Int
    /// Save under this name in the catalog (replacing one of the same name).
    public var save: String?
    /// Also lay the points out in 2-D (the first two principal components of the clustered
    /// vectors), for a report's map.
    public var withMap: Bool
    /// Also pick each cluster's best image by the quality scores (measured once and kept in the
    /// catalog, as `quality` does).
    public var best: Bool
    /// Reference labels to measure the clustering against (adjusted Rand index, NMI).
    public var labels: ClusterLabelSource?
    /// DBSCAN only: measure neighbourhoods by this metric over the (reduced) rows, `eps` being the
    /// largest distance or, for a similarity (cosine, dot, Pearson, Spearman), the least
    /// similarity. Nil: Euclidean between the unit rows. Other algorithms refuse a metric: k-means
    /// and Ward minimise squared Euclidean distances, and HDBSCAN's core distances come from the
    /// Euclidean index. Default nil.
    public var metric: Metric?
    /// DBSCAN and HDBSCAN: the index their neighbour searches go through (Euclidean, over the
    /// reduced rows, built for the run). Approximate kinds are refused for the other algorithms and
    /// with a ``metric``; `auto` stays exact below ``IndexChoice/autoExactBelow`` images. Default exact.
    public var index: IndexChoice

    public init(folders: [String], algorithm: ClusterAlgorithm, reduction: Reduction? = nil, method: ClusterMethod = .model(ModelDefaults.model),
                threads: Int = 1, save: String? = nil, withMap: Bool = false, labels: ClusterLabelSource? = nil, best: Bool = false,
                metric: Metric? = nil, index: IndexChoice = .exact) {
        self.metric = metric
        self.index = index
        self.folders = folders
        self.algorithm = algorithm
        self.reduction = reduction
        self.method = method
        self.threads = threads
        self.save = save
        self.withMap = withMap
        self.labels = labels
        self.best = best
    }

    public func run(in context: JobContext) throws(JobError) -> ClusterResult {
        if let save, save.trimmingCharacters(in: .whitespaces).isEmpty { throw .invalidInput("--save needs a name") }
        let reduction = self.reduction ?? algorithm.defaultReduction(for: method)
        try checkMetric(reduction: reduction)
        if case .approximate = index {
            guard algorithm.searchesNeighbours else {
                throw .invalidInput("--index \(index) serves the neighbour searches of dbscan and hdbscan; \(algorithm.name) searches none (use --index exact)")
            }
            guard metric == nil else { throw .invalidInput("--index \(index) measures Euclidean distances; --metric needs --index exact") }
        }
        let vectors = try ClusterVectors.load(folders: folders, method: method, threads: threads, context: context)
        let settings = ClusterSettings(algorithm: algorithm, method: vectors.method, reduction: reduction, folders: folders.map(FileWalker.absolute),
                                       metric: metric)
        try context.checkCancellation()
        let outcome: ClusterAlgorithm.Outcome
        let explained: Double?
        var layout: Matrix?
        var indexUsed = IndexChoice.exact
        do {
            context.progress.begin("cluster", total: nil)
            defer { context.progress.end("cluster") }
            let reduced = try reduction.apply(to: vectors.points)
            explained = reduced.explainedVariance
            if let metric, case .dbscan(let configuration) = algorithm {
                outcome = .init(labels: try Self.dbscan(reduced.points, metric: metric, configuration: configuration, cancellation: context.cancellation))
            } else if algorithm.searchesNeighbours, case .approximate = index.resolved(count: reduced.points.rows) {
                let built = try Self.euclideanIndex(index, over: reduced.points)
                indexUsed = built.used
                outcome = try algorithm.fit(reduced.points, index: built.index, cancellation: context.cancellation)
            } else {
                outcome = try algorithm.fit(reduced.points, cancellation: context.cancellation)
            }
            if withMap { layout = try MapProjection.pca.project(reduced.points, context: context) }
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .invalidInput(error.description)
        }
        let fitted = (labels: outcome.labels, inertia: outcome.inertia, explained: explained)
        let paths = vectors.images.map(\.path)
        let summary = algorithm.summary + (metric.map { ", by \($0.name)" } ?? "")
        var result = ClusterResult(settings: settings, algorithm: summary, explainedVariance: fitted.explained,
                                   points: paths.count, clusters: ClusterSummaries.summarise(fitted.labels, unit: vectors.points, paths: paths),
                                   noise: fitted.labels.noisePoints.map { paths[$0] }, inertia: fitted.inertia, scan: vectors.scan,
                                   skipped: vectors.skipped.isEmpty ? nil : vectors.skipped, stale: vectors.stale.isEmpty ? nil : vectors.stale)
        result.kChoice = outcome.choice
        if case .approximate = indexUsed { result.index = indexUsed.description }
        if best { try pickBest(&result, images: vectors.images, context: context) }
        if let labels {
            result.agreement = ClusterAgreementResult(against: labels.rawValue, fitted.labels.labels, labels.labels(of: paths))
        }
        if let layout {
            result.map = paths.indices.map { i in
                MapResult.Point(path: paths[i], x: layout[i, 0], y: layout[i, 1], group: fitted.labels.labels[i] >= 0 ? fitted.labels.labels[i] : nil)
            }
        }
        if let save {
            let catalog = try context.openStore(for: .writing)
            let record = SavedClustering(name: save, createdAt: Date(), settings: Self.storedSettings(settings), points: paths.count,
                                         clusters: fitted.labels.clusterCount, noise: result.noise.count)
            do {
                result.replaced = try catalog.saveClustering(record, members: zip(vectors.images, fitted.labels.labels).map { ($0.id, $1) })
            } catch { throw .catalog(error) }
            result.saved = save
        }
        return result
    }

    /// Sets every cluster's best image: the highest overall quality score among its members.
    private func pickBest(_ result: inout ClusterResult, images: [CatalogImage], context: JobContext) throws(JobError) {
        let catalog = try context.openStore(for: .readingAndFilling)
        let cache = try ImageSignalCache.filledWithQuality(images, catalog: catalog, context: context)
        let position = Dictionary(images.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        for index in result.clusters.indices {
            let scored = result.clusters[index].members.compactMap { path in position[path].flatMap(cache.quality).map { (path, $0.overall) } }
            if let top = scored.max(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }) {
                result.clusters[index].best = top.0
                result.clusters[index].bestQuality = top.1
            }
        }
    }
}

extension ClusterJob {
    /// The settings as a saved clustering keeps them: JSON with sorted keys, so the same settings
    /// are the same text in every run and on every store.
    static func storedSettings(_ settings: ClusterSettings) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(settings)) ?? Data(), as: UTF8.self)
    }

    /// A Euclidean index of `choice` holding the rows of `points` in order, for DBSCAN's and
    /// HDBSCAN's neighbour searches; an index that cannot be built is a bad `--index`.
    static func euclideanIndex(_ choice: IndexChoice, over points: Matrix) throws(FitError) -> (index: any VectorIndex, used: IndexChoice) {
        let rows = (0..<points.rows).map { Array(points.values[($0 * points.columns)..<(($0 + 1) * points.columns)]) }
        do { return try choice.makeIndex(dimension: points.columns, metric: .l2, holding: rows) } catch {
            throw .badParameter(name: "--index", value: choice.description, reason: "\(error)")
        }
    }
}
