import Foundation
import LikenessCatalog
import LikenessCore
import LikenessIndex

/// Compares two sets of catalogued images: near-duplicates across them (leakage) and, for each
/// query image, its nearest reference (novelty).
public struct SplitComparison: Sendable {
    public let space: EmbeddingSpace
    /// Positions in `space` of the first set (train / reference) and the second (test / query).
    public let first: [Int]
    public let second: [Int]

    /// Both sets from one catalog; an image under both roots counts in the first.
    public init(catalog: Catalog, model: any EmbeddingModel, first firstRoots: [String], second secondRoots: [String]) throws(CatalogError) {
        let absolute = { (roots: [String]) in roots.map { URL(fileURLWithPath: $0).standardizedFileURL.path } }
        let (a, b) = (absolute(firstRoots).map(FolderScope.init), absolute(secondRoots).map(FolderScope.init))
        let space = try EmbeddingSpace(catalog: catalog, model: model, under: absolute(firstRoots) + absolute(secondRoots))
        let first = space.images.indices.filter { i in a.contains { $0.contains(space.images[i].path) } }
        let firstSet = Set(first)
        self.space = space
        self.first = first
        self.second = space.images.indices.filter { i in !firstSet.contains(i) && b.contains { $0.contains(space.images[i].path) } }
    }

    /// A near-duplicate pair across the two sets.
    public struct CrossPair: Sendable, Codable, Hashable {
        public var first: String
        public var second: String
        public var similarity: Float
        public var hashDistance: Int?
    }

    /// Confirmed near-duplicates with one image in each set, most similar first.
    public func leaks(grouper: NearDuplicateGrouper) -> [CrossPair] {
        let inFirst = Set(first), inSecond = Set(second)
        let candidates = space.index.pairs(within: grouper.configuration.candidateCosine)
            .filter { (inFirst.contains($0.i) && inSecond.contains($0.j)) || (inFirst.contains($0.j) && inSecond.contains($0.i)) }
        return grouper.confirmed(candidates, in: space).map { pair in
            let (a, b) = inFirst.contains(pair.i) ? (pair.i, pair.j) : (pair.j, pair.i)
            return CrossPair(first: space.images[a].path, second: space.images[b].path, similarity: pair.score, hashDistance: pair.hashDistance)
        }.sorted { ($0.similarity, $1.first) > ($1.similarity, $0.first) }
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
        let reference = first.map { space.index.vector(at: $0) }
        var index = ExactVectorIndex(dimension: space.index.dimension, metric: .cosine)
        index.add(reference)
        let found = index.search(second.map { space.index.vector(at: $0) }, k: 1)
        return zip(second, found).map { query, neighbors in
            let best = neighbors.first
            let similarity = best?.score ?? -1
            return Nearest(query: space.images[query].path, nearest: best.map { space.images[first[$0.id]].path },
                           similarity: similarity, novel: similarity < threshold(space.index.vector(at: query)))
        }.sorted { ($0.similarity, $0.query) < ($1.similarity, $1.query) }
    }
}
