import Foundation
import LikenessANN
import LikenessCatalog
import LikenessCore
import LikenessIndex

/// `search`: the most similar catalogued images to each query image, by embedding and a metric
/// (cosine by default). Cosine, dot and Euclidean search by BLAS; the other metrics that fit
/// real-valued embeddings search through ``MetricIndex`` (Pearson and Spearman by BLAS too, the
/// rest by an exact scan).
public struct SearchJob: Job {
    /// Image files or folders of them; each image is a query. Catalogued queries reuse their
    /// stored vector; others are embedded on the fly (and not added to the catalog).
    public var queries: [String]
    /// Embedding model id. Default: EfficientNet-Lite0.
    public var model: String
    /// ONNX Runtime threads. Default 1.
    public var threads: Int
    /// Results per query. Default 10.
    public var k: Int
    /// How vectors are compared. Default cosine. Metrics that do not fit real-valued embeddings
    /// (Hamming, Jaccard, χ², EMD) are refused before anything is read.
    public var metric: Metric
    /// Which index searches. Default exact; an approximate one (or `auto` over
    /// ``IndexChoice/autoExactBelow`` images) serves cosine only.
    public var index: IndexChoice

    public init(queries: [String], model: String = ModelDefaults.model, threads: Int = 1, k: Int = 10, metric: Metric = .cosine,
                index: IndexChoice = .exact) {
        self.queries = queries
        self.model = model
        self.threads = threads
        self.k = k
        self.metric = metric
        self.index = index
    }

    /// The matches for one query image, closest first; the query itself is left out.
    public struct QueryResult: Codable, Sendable, Equatable {
        public struct Match: Codable, Sendable, Equatable {
            public var path: String
            /// The metric's value when it is a similarity (cosine, dot, Pearson, Spearman).
            public var similarity: Float?
            /// The metric's value when it is a distance (Euclidean, Manhattan, …).
            public var distance: Float?
        }
        public var query: String
        public var matches: [Match]
        /// Why this query could not be searched (unreadable, not an image, …).
        public var error: String?
    }

    /// Every query's matches, and the catalogued files left out because they changed or vanished
    /// since the last scan.
    public struct Result: Codable, Sendable {
        public var queries: [QueryResult]
        public var stale: [ScannedFailure]?
        /// The metric the matches were ranked by.
        public var metric: Metric?
        /// The index searched: `exact` or an approximate kind's settings (what `auto` chose).
        public var index: String?
        /// For an approximate index: whether it was read from the copy saved next to the catalog.
        public var indexOrigin: IndexOrigin?
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        guard k >= 1 else { throw .invalidInput("--k must be at least 1") }
        do { try metric.requireFit(.real, method: model) } catch { throw .invalidInput(error.description) }
        if index != .exact && metric != .cosine {
            throw .invalidInput("--index \(index) searches by cosine; --metric \(metric.name) needs --index exact")
        }
        try InputPaths.requireExisting(queries)
        let files = FileWalker.files(in: queries)
        guard !files.isEmpty else { throw .invalidInput("no image files in \(queries.joined(separator: ", "))") }
        let catalog = try context.openStore(for: .readingAndFilling)
        let load = { () throws(JobError) -> (opened: OpenedModel, space: EmbeddingSpace) in
            let opened = try context.models.open(model, threads: threads)
            // Cosine keeps the index it always had; every other metric sees the vectors as stored.
            return (opened, try EmbeddingSpace.filled(catalog: catalog, model: opened, under: nil, metric: metric == .cosine ? .cosine : .dot,
                                                      index: index, for: .ranking, context: context).space)
        }
        let (opened, space): (OpenedModel, EmbeddingSpace)
        // A cosine search reuses what a long-lived shell keeps (``JobContext/searchSessions``).
        if metric == .cosine, let sessions = context.searchSessions {
            func stamp() throws(JobError) -> ContentStamp {
                do throws(CatalogError) { return try catalog.contentStamp() } catch { throw .catalog(error) }
            }
            (opened, space) = try sessions.prepared(catalogPath: context.catalogPath, model: model, index: index.description, stamp: stamp, load: load)
        } else {
            (opened, space) = try load()
        }
        guard space.index.count > 0 else { throw .invalidInput("the catalog has no embedded images; run `likeness embed DIR` first") }
        let searcher = try Self.searcher(for: metric, over: space)
        let outside = try Self.embedUncatalogued(files.filter { space.position(of: $0) == nil }, with: opened, context: context)
        var results: [QueryResult] = []
        for file in files {
            try context.checkCancellation()
            let vector: [Float]
            if let position = space.position(of: file) {
                vector = space.index.vector(at: position)
            } else {
                switch outside[file] {
                case .success(let embedded)?: vector = embedded
                case .failure(let failure)?:
                    results.append(QueryResult(query: file, matches: [], error: failure.description))
                    continue
                case nil: continue
                }
            }
            let hits: [Neighbor]
            do { hits = try searcher?.search([vector], k: k + 1)[0] ?? space.index.search([vector], k: k + 1)[0] } catch { throw .wrapping(error) }
            let found = hits.filter { space.images[$0.id].path != file }.prefix(k)
            results.append(QueryResult(query: file, matches: found.map {
                metric.higherIsCloser ? .init(path: space.images[$0.id].path, similarity: $0.score)
                    : .init(path: space.images[$0.id].path, distance: $0.score)
            }))
        }
        return Result(queries: results, stale: space.stale.isEmpty ? nil : space.stale, metric: metric, index: space.indexUsed.description,
                      indexOrigin: space.indexUsed == .exact ? nil : space.indexOrigin)
    }

    /// The index for a metric other than cosine, over the space's vectors as stored; nil for
    /// cosine, which searches the space's own index.
    static func searcher(for metric: Metric, over space: EmbeddingSpace) throws(JobError) -> MetricIndex? {
        guard metric != .cosine else { return nil }
        var index = MetricIndex(dimension: space.index.dimension, metric: metric)
        do { try index.add((0..<space.index.count).map { space.index.vector(at: $0) }) } catch { throw .wrapping(error) }
        return index
    }

    /// The vectors of query images that are not in the catalog (not stored), through the one batch
    /// embedder; a failing model fails the job.
    static func embedUncatalogued(_ files: [String], with opened: OpenedModel,
                                  context: JobContext) throws(JobError) -> [String: Swift.Result<[Float], ItemFailure>] {
        var vectors: [String: Swift.Result<[Float], ItemFailure>] = [:]
        do {
            _ = try BatchEmbedder(model: opened.model).embed(files.map { ImageSource(path: $0) }, input: opened.input,
                                                             cancellation: context.cancellation) { outcomes in
                for (index, result) in outcomes { vectors[files[index]] = result }
            }
        } catch {
            throw .wrapping(error)
        }
        return vectors
    }
}
