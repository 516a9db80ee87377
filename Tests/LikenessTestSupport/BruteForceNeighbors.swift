import LikenessCore

/// Exact neighbours by direct computation in `Double`: the ground truth the index conformance
/// suite compares an index with.
///
/// Scores follow the index contract: cosine of a zero vector is 0, L2 is a distance.
public struct BruteForceNeighbors: Sendable {
    /// One stored vector and its true score.
    public struct Hit: Sendable, Equatable {
        public var id: Int
        public var score: Double
    }

    public let metric: VectorMetric
    public let vectors: [[Float]]

    public init(metric: VectorMetric, vectors: [[Float]]) {
        self.metric = metric
        self.vectors = vectors
    }

    /// The true score of `x` against `query`.
    public func score(_ query: [Float], _ x: [Float]) -> Double {
        func dot(_ a: [Float], _ b: [Float]) -> Double { zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) } }
        switch metric {
        case .dot:
            return dot(query, x)
        case .cosine:
            let norms = (dot(query, query) * dot(x, x)).squareRoot()
            return norms > 0 ? dot(query, x) / norms : 0
        case .l2:
            return zip(query, x).reduce(0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }.squareRoot()
        }
    }

    /// True when `score` is within `threshold` (at least it for similarities, at most for distances).
    public func accepts(_ score: Double, within threshold: Double) -> Bool {
        metric.higherIsCloser ? score >= threshold : score <= threshold
    }

    /// True when `a` ranks before `b`: closer, or as close with the lower id.
    public func ranks(_ a: Hit, before b: Hit) -> Bool {
        a.score != b.score ? (metric.higherIsCloser ? a.score > b.score : a.score < b.score) : a.id < b.id
    }

    /// Every stored vector scored against `query`, closest first (ties by lower id).
    public func ranked(_ query: [Float]) -> [Hit] {
        vectors.indices.map { Hit(id: $0, score: score(query, vectors[$0])) }.sorted(by: ranks)
    }

    /// Every other stored vector scored against stored vector `id`, closest first.
    public func ranked(neighborsOf id: Int) -> [Hit] {
        vectors.indices.filter { $0 != id }.map { Hit(id: $0, score: score(vectors[id], vectors[$0])) }.sorted(by: ranks)
    }

    /// Every pair (i < j) with its true score.
    public func allPairs() -> [(i: Int, j: Int, score: Double)] {
        vectors.indices.flatMap { i in ((i + 1)..<vectors.count).map { j in (i, j, score(vectors[i], vectors[j])) } }
    }

    /// A threshold that keeps about a `fraction` of `scores`: halfway between two of them, so no
    /// score sits on it. Unbounded when there are fewer than two scores.
    public func threshold(keeping fraction: Double, of scores: [Double]) -> Float {
        guard scores.count >= 2 else { return metric.unboundedThreshold }
        let sorted = scores.sorted { metric.higherIsCloser ? $0 > $1 : $0 < $1 }
        let cut = Swift.min(sorted.count - 2, Int(Double(sorted.count) * fraction))
        return Float((sorted[cut] + sorted[cut + 1]) / 2)
    }
}
