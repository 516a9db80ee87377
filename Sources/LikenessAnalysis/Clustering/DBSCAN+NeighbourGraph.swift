import LikenessCore

extension DBSCAN {
    /// DBSCAN over a neighbour graph given as its edges, for points that are not vectors (strings
    /// compared by an edit distance): `pairs` are every pair of points (i < j, repeats harmless)
    /// within ``Configuration/eps`` by whatever distance the caller measured, and nothing else is
    /// a neighbour. The rest is ``fit(_:index:cancellation:)``'s rule, the same code
    /// (``label(count:edges:minSamples:cancellation:)``) after repeated edges are dropped.
    ///
    /// Memory is the edges; no N × N matrix is built. The caller bounds them (an LSH candidate
    /// graph, a range search). With the exact ε-pairs of a point set, labels equal
    /// ``fit(_:index:cancellation:)``'s.
    public func fit(count: Int, neighbourPairs pairs: [(i: Int, j: Int)], cancellation: CancellationToken? = nil) throws(FitError) -> ClusterLabels {
        let minSamples = configuration.minSamples
        guard configuration.eps.isFinite, configuration.eps >= 0 else {
            throw .badParameter(name: "--eps", value: "\(configuration.eps)", reason: "must be a distance of 0 or more")
        }
        guard minSamples >= 1 else { throw .badParameter(name: "--min-samples", value: "\(minSamples)", reason: "must be at least 1") }
        guard count > 0 else { throw .tooFewPoints(points: 0, needed: 1) }
        // Repeated edges would count a neighbour twice: keep each once.
        var seen = Set<UInt64>(minimumCapacity: pairs.count)
        var edges: [(i: Int, j: Int)] = []
        edges.reserveCapacity(pairs.count)
        for pair in pairs where pair.i != pair.j {
            let (i, j) = pair.i < pair.j ? (pair.i, pair.j) : (pair.j, pair.i)
            guard i >= 0, j < count else {
                throw .badParameter(name: "pairs", value: "(\(pair.i), \(pair.j))", reason: "points are 0..<\(count)")
            }
            if seen.insert(UInt64(i) << 32 | UInt64(j)).inserted { edges.append((i, j)) }
        }
        return try Self.label(count: count, edges: edges, minSamples: minSamples, cancellation: cancellation)
    }
}
