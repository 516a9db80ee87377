import LikenessCore
/// k-means on the unit sphere (cosine similarity), seeded k-means++ start, for grouping embeddings
/// into clusters that get their own threshold.
///
/// Reference: Dhillon and Modha, "Concept decompositions for large sparse text data using
/// clustering" (2001); k-means++ seeding: Arthur and Vassilvitskii (2007).
public struct SphericalKMeans: Sendable {
    public var clusters: Int
    public var iterations: Int
    public var seed: UInt64

    public init(clusters: Int, iterations: Int = 25, seed: UInt64 = 1) {
        precondition(clusters > 0, "need at least one cluster")
        self.clusters = clusters
        self.iterations = iterations
        self.seed = seed
    }

    /// Unit-length centroids (at most `clusters`, fewer when there are fewer distinct points) and
    /// each point's cluster.
    public func fit(_ points: [[Float]]) -> (centroids: [[Float]], assignment: [Int]) {
        guard !points.isEmpty else { return ([], []) }
        let data = points.map(Self.normalised)
        var generator = SeededRandom(seed: seed)
        // k-means++: each next centre drawn with probability ∝ (1 − best cosine to the chosen ones).
        var centroids = [data[generator.int(in: 0..<data.count)]]
        var gap = data.map { 1 - Self.dot($0, centroids[0]) }
        while centroids.count < clusters {
            let total = gap.reduce(0, +)
            guard total > 1e-9 else { break }
            var pick = Float(generator.nextUnit()) * total
            var index = 0
            while index < data.count - 1 && pick >= gap[index] { pick -= gap[index]; index += 1 }
            centroids.append(data[index])
            for i in data.indices { gap[i] = min(gap[i], 1 - Self.dot(data[i], data[index])) }
        }
        var assignment = [Int](repeating: 0, count: data.count)
        for _ in 0..<iterations {
            var changed = false
            for i in data.indices {
                var best = 0, bestScore = -Float.infinity
                for (c, centre) in centroids.enumerated() {
                    let score = Self.dot(data[i], centre)
                    if score > bestScore { (best, bestScore) = (c, score) }
                }
                if assignment[i] != best { assignment[i] = best; changed = true }
            }
            var sums = [[Float]](repeating: [Float](repeating: 0, count: data[0].count), count: centroids.count)
            for (i, point) in data.enumerated() { for d in point.indices { sums[assignment[i]][d] += point[d] } }
            for c in centroids.indices where sums[c].contains(where: { $0 != 0 }) { centroids[c] = Self.normalised(sums[c]) }
            if !changed { break }
        }
        return (centroids, assignment)
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    static func normalised(_ v: [Float]) -> [Float] {
        let norm = dot(v, v).squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }
}
