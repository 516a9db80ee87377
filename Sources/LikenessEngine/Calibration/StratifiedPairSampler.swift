import LikenessCore

/// Picks image pairs for a person to label, spread evenly over the similarity range, so labelling
/// effort lands where the decision is hard instead of on thousands of obviously unrelated pairs.
///
/// The pool is every image's nearest neighbours (which hold most of the near-duplicates) plus
/// random pairs (which hold the unrelated ones). The pool's similarity range is cut into equal
/// bins and the same number of pairs is drawn from each; bins that run short pass their quota on.
public struct StratifiedPairSampler: Sendable {
    /// A pair to label and its similarity.
    public struct Pair: Sendable, Hashable, Codable {
        public var a: String
        public var b: String
        public var similarity: Float
    }

    public var count: Int
    public var bins: Int
    /// Nearest neighbours of each image put in the pool.
    public var neighbours: Int
    public var seed: UInt64

    public init(count: Int = 200, bins: Int = 10, neighbours: Int = 10, seed: UInt64 = 1) {
        self.count = max(1, count)
        self.bins = max(1, bins)
        self.neighbours = max(1, neighbours)
        self.seed = seed
    }

    /// Up to `count` distinct pairs from `space`, in a seeded random order (not sorted by
    /// similarity, so the order does not hint at the answer).
    public func sample(_ space: EmbeddingSpace) -> [Pair] {
        sample(paths: space.images.map(\.path), index: space.index)
    }

    /// As ``sample(_:)`` for any cosine index whose vector `n` belongs to `paths[n]`.
    public func sample(paths: [String], index: some VectorIndex) -> [Pair] {
        let n = paths.count
        guard n >= 2 else { return [] }
        var generator = SeededRandom(seed: seed)
        var pool: [Int: Float] = [:] // key i * n + j with i < j
        let vectors = (0..<n).map { index.vector(at: $0) }
        // try!: the queries are the index's own vectors, checked when they were added.
        for (i, found) in try! index.search(vectors, k: min(n, neighbours + 1)).enumerated() {
            for neighbour in found where neighbour.id != i {
                pool[min(i, neighbour.id) * n + max(i, neighbour.id)] = neighbour.score
            }
        }
        let randomTarget = min(n * (n - 1) / 2, pool.count + 20 * count)
        var attempts = 0
        while pool.count < randomTarget && attempts < 40 * count {
            attempts += 1
            let i = generator.int(in: 0..<n), j = generator.int(in: 0..<n)
            guard i != j else { continue }
            let key = min(i, j) * n + max(i, j)
            if pool[key] == nil { pool[key] = vectors[i].cosineSimilarity(to: vectors[j]) }
        }
        // Bins over the pool's range; each bin shuffled with the seed.
        let entries = pool.sorted { $0.key < $1.key }
        guard let low = entries.map(\.value).min(), let high = entries.map(\.value).max() else { return [] }
        var byBin = [[(key: Int, value: Float)]](repeating: [], count: bins)
        for entry in entries {
            let bin = high > low ? min(bins - 1, Int((entry.value - low) / (high - low) * Float(bins))) : 0
            byBin[bin].append(entry)
        }
        for b in byBin.indices { generator.shuffle(&byBin[b]) }
        var chosen: [(key: Int, value: Float)] = []
        var cursor = [Int](repeating: 0, count: bins)
        // Round-robin over bins until the count is met or the pool runs dry: equal shares, and a
        // short bin's remainder goes to the others.
        while chosen.count < count {
            var progressed = false
            for b in 0..<bins where chosen.count < count && cursor[b] < byBin[b].count {
                chosen.append(byBin[b][cursor[b]])
                cursor[b] += 1
                progressed = true
            }
            if !progressed { break }
        }
        generator.shuffle(&chosen)
        return chosen.map { Pair(a: paths[$0.key / n], b: paths[$0.key % n], similarity: $0.value) }
    }
}
