import Foundation
import LikenessANN
import LikenessCatalog
import LikenessCore
import LikenessIndex
import LikenessImaging

/// Compares two sets of catalogued images: near-duplicates across them (leakage) and, for each
/// query image, its nearest reference (novelty).
public struct SplitComparison: Sendable {
    public let space: EmbeddingSpace
    /// Positions in `space` of the first set (train / reference) and the second (test / query).
    /// The first is in the order of ``reference``'s ids.
    public let first: [Int]
    public let second: [Int]
    /// The index the first set is searched through: `exact`, or an approximate kind (what `auto`
    /// chose for the first set's size).
    public let referenceIndexUsed: IndexChoice
    /// The first set's vectors in an index of their own; ids are positions in ``first``.
    let reference: any VectorIndex
    /// For an approximate reference index over a catalog file: whether it was read from the copy
    /// saved next to the catalog (as `search` and `dupes` keep theirs) or built and saved now.
    public let referenceIndexOrigin: IndexOrigin?

    /// Both sets from one catalog; an image under both roots counts in the first. Throws as
    /// ``EmbeddingSpace/init(catalog:model:under:metric:index:for:watch:)``, and ``ANNError`` for an approximate
    /// `index` whose parameters do not fit the vectors' dimension. `watch` reports the reference
    /// index's build and can stop it.
    public init(catalog: any CatalogStore, model: any EmbeddingModel, first firstRoots: [String], second secondRoots: [String],
                index: IndexChoice = .exact, watch: IndexBuildWatch? = nil) throws {
        try self.init(first: firstRoots, second: secondRoots, index: index, catalogPath: catalog.filePath, watch: watch,
                      key: { roots, kind in EmbeddingSpace.indexKey(model: model, head: nil, roots: roots, metric: .cosine, kind: kind) }) { roots in
            try EmbeddingSpace(catalog: catalog, model: model, under: roots)
        }
    }

    /// The same for an opened model, whose head (if any) maps the stored vectors.
    public init(catalog: any CatalogStore, opened: OpenedModel, first firstRoots: [String], second secondRoots: [String],
                index: IndexChoice = .exact, watch: IndexBuildWatch? = nil) throws {
        try self.init(first: firstRoots, second: secondRoots, index: index, catalogPath: catalog.filePath, watch: watch,
                      key: { roots, kind in EmbeddingSpace.indexKey(model: opened.base, head: opened.head, roots: roots, metric: .cosine, kind: kind) }) { roots in
            try EmbeddingSpace(catalog: catalog, opened: opened, under: roots)
        }
    }

    private init(first firstRoots: [String], second secondRoots: [String], index: IndexChoice, catalogPath: String?, watch: IndexBuildWatch?,
                 key: ([String], ApproximateIndexKind) -> String, space load: ([String]) throws -> EmbeddingSpace) throws {
        let absolute = { (roots: [String]) in roots.map { URL(fileURLWithPath: $0).standardizedFileURL.path } }
        let (a, b) = (absolute(firstRoots).map(FolderScope.init), absolute(secondRoots).map(FolderScope.init))
        let space = try load(absolute(firstRoots) + absolute(secondRoots))
        var first = space.images.indices.filter { i in a.contains { $0.contains(space.images[i].path) } }
        let firstSet = Set(first)
        self.space = space
        self.second = space.images.indices.filter { i in !firstSet.contains(i) && b.contains { $0.contains(space.images[i].path) } }
        let used = index.resolved(count: first.count)
        self.referenceIndexUsed = used
        let rows = first.map { space.index.vector(at: $0) }
        if case .approximate(let kind) = used {
            try kind.validate(dimension: space.index.dimension)
            if let catalogPath, let saved = PersistedIndex(catalogPath: catalogPath, key: key(absolute(firstRoots), kind)) {
                let opened = try saved.open(images: first.map { space.images[$0] }, rows: rows, dimension: space.index.dimension,
                                            metric: .cosine, kind: kind, watch: watch)
                // The saved index keeps its own order: the first set follows it.
                first = opened.images.map { space.position(of: $0.path)! }
                self.first = first
                self.reference = opened.index
                self.referenceIndexOrigin = opened.origin
                return
            }
        }
        self.first = first
        self.reference = try used.makeIndex(dimension: space.index.dimension, metric: .cosine, holding: rows, watch: watch).index
        self.referenceIndexOrigin = used == .exact ? nil : .built
    }

    /// A near-duplicate pair across the two sets.
    public struct CrossPair: Sendable, Codable, Hashable {
        public var first: String
        public var second: String
        public var similarity: Float
        public var hashDistance: Int?
    }

    /// Confirmed near-duplicates with one image in each set, most similar first: for each image of
    /// the second set, its closest images of the first that the rule confirms.
    ///
    /// With `catalog` (the one the split was read from), confirmation signals are read from it when
    /// stored and stored when computed, as `dupes` does.
    public func leaks(grouper: NearDuplicateGrouper, catalog: (any CatalogStore)? = nil, progress: any ProgressReporter = SilentProgress(),
                      cancellation: CancellationToken? = nil) throws(ImagingError) -> [CrossPair] {
        // Each test image keeps its closest train images within the candidate cut: at most
        // |test| × neighbours pairs, whatever the density.
        let configuration = grouper.configuration
        // try!: the queries are vectors of `space.index`, which checked them when they were added.
        let found = try! reference.search(second.map { space.index.vector(at: $0) }, k: configuration.neighbours,
                                            within: configuration.candidateCosine)
        let candidates = zip(second, found).flatMap { query, neighbors in
            neighbors.map { (i: first[$0.id], j: query, score: $0.score) }
        }
        return try grouper.confirmed(candidates, in: space, catalog: catalog, progress: progress, cancellation: cancellation).map { pair in
            CrossPair(first: space.images[pair.i].path, second: space.images[pair.j].path, similarity: pair.score, hashDistance: pair.hashDistance)
        }.sorted { ($0.similarity, $1.first, $1.second) > ($1.similarity, $0.first, $0.second) }
    }

    /// One query image with its nearest reference.
    public struct Nearest: Sendable, Codable, Hashable {
        public var query: String
        public var nearest: String?
        public var similarity: Float
        public var novel: Bool
    }

    /// For every image of the second set, its nearest image of the first; novel when below `threshold`.
    public func novelty(threshold: Float) -> [Nearest] {
        novelty { _ in threshold }
    }

    /// As ``novelty(threshold:)`` with a threshold per query, chosen from the query's embedding
    /// (for per-cluster calibrations).
    public func novelty(threshold: (_ query: [Float]) -> Float) -> [Nearest] {
        let found = try! reference.search(second.map { space.index.vector(at: $0) }, k: 1) // try!: as in `leaks`
        return zip(second, found).map { query, neighbors in
            let best = neighbors.first
            let similarity = best?.score ?? -1
            return Nearest(query: space.images[query].path, nearest: best.map { space.images[first[$0.id]].path },
                           similarity: similarity, novel: similarity < threshold(space.index.vector(at: query)))
        }.sorted { ($0.similarity, $0.query) < ($1.similarity, $1.query) }
    }
}
