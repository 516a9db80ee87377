/// Operations derived from others, so an index implements only what it does natively.
extension VectorIndex {
    /// Top-k is top-k within the unbounded threshold.
    public func search(_ queries: [[Float]], k: Int) throws(VectorIndexError) -> [[Neighbor]] {
        try search(queries, k: k, within: metric.unboundedThreshold)
    }

    /// Self-pairs from ``neighbors(k:within:)``: a pair listed from both ends is kept once.
    public func neighborPairs(k: Int, within threshold: Float) -> [(i: Int, j: Int, score: Float)] {
        let lists = neighbors(k: k, within: threshold)
        var found: [(i: Int, j: Int, score: Float)] = []
        for (i, list) in lists.enumerated() {
            for neighbor in list {
                // Kept from its lower end, or from the higher end when the lower end does not list it.
                let j = neighbor.id
                if i < j || !lists[j].contains(where: { $0.id == i }) { found.append((Swift.min(i, j), Swift.max(i, j), neighbor.score)) }
            }
        }
        let metric = metric
        return found.sorted { a, b in
            a.i != b.i ? a.i < b.i : metric.ranks(Neighbor(id: a.j, score: a.score), before: Neighbor(id: b.j, score: b.score))
        }
    }
}
