import LikenessCore
import LikenessIndex

/// An ``ExactVectorIndex`` that breaks one rule of the index contract, so the tests can show the
/// conformance suite notices each break.
struct MutantVectorIndex: VectorIndex {
    /// The rule broken.
    enum Fault: String, Sendable, CaseIterable {
        /// Every search list is one short.
        case dropsLastHit
        /// Equal scores come in order of higher id.
        case tiesByHigherID
        /// Scores are off by 0.01.
        case scoresOff
        /// `pairs(within:)` misses its first pair.
        case missesAPair
        /// A neighbour list also holds the vector itself.
        case listsItself
        /// `k` is capped at count − 1.
        case capsK
        /// An empty index answers no lists at all instead of one empty list per query.
        case noListsWhenEmpty
        /// Vectors of the wrong length are cut or padded instead of refused.
        case fitsLength
        /// NaN and infinities become 0 instead of being refused.
        case zeroesNonFinite
        /// A zero vector scores NaN under cosine, as a naive normalisation would.
        case zeroIsNaN
    }

    var base: ExactVectorIndex
    let fault: Fault

    var metric: VectorMetric { base.metric }
    var dimension: Int { base.dimension }
    var count: Int { base.count }

    mutating func add(_ vectors: [[Float]]) throws(VectorIndexError) {
        switch fault {
        case .fitsLength: try base.add(vectors.map { Array(($0 + [Float](repeating: 0, count: dimension)).prefix(dimension)) })
        case .zeroesNonFinite: try base.add(vectors.map { $0.map { $0.isFinite ? $0 : 0 } })
        default: try base.add(vectors)
        }
    }

    func vector(at id: Int) -> [Float] { base.vector(at: id) }

    func search(_ queries: [[Float]], k: Int, within threshold: Float) throws(VectorIndexError) -> [[Neighbor]] {
        if fault == .noListsWhenEmpty && count == 0 { return [] }
        let queries = fault == .fitsLength ? queries.map { Array(($0 + [Float](repeating: 0, count: dimension)).prefix(dimension)) } : queries
        return try base.search(queries, k: fault == .capsK ? Swift.min(k, count - 1) : k, within: threshold).map(mutated)
    }

    func range(_ queries: [[Float]], threshold: Float) throws(VectorIndexError) -> [[Neighbor]] {
        try base.range(queries, threshold: threshold).map(mutated)
    }

    func neighbors(k: Int, within threshold: Float) -> [[Neighbor]] {
        let lists = base.neighbors(k: fault == .capsK ? Swift.min(k, count - 2) : k, within: threshold)
        guard fault == .listsItself else { return lists.map(mutated) }
        return lists.enumerated().map { i, list in [Neighbor(id: i, score: metric == .l2 ? 0 : 1)] + list.dropLast() }
    }

    func pairs(within threshold: Float) -> [(i: Int, j: Int, score: Float)] {
        let found = base.pairs(within: threshold)
        return fault == .missesAPair ? Array(found.dropFirst()) : found
    }

    private func mutated(_ list: [Neighbor]) -> [Neighbor] {
        switch fault {
        case .dropsLastHit: Array(list.dropLast())
        case .scoresOff: list.map { Neighbor(id: $0.id, score: $0.score + 0.01) }
        case .tiesByHigherID: list.sorted { $0.score != $1.score ? metric.ranks($0, before: $1) : $0.id > $1.id }
        case .zeroIsNaN where metric == .cosine: list.map { base.vector(at: $0.id).allSatisfy { $0 == 0 } ? Neighbor(id: $0.id, score: .nan) : $0 }
        default: list
        }
    }
}
