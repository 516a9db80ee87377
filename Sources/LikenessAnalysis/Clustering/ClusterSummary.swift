import LikenessCore
import LikenessNumerics

/// One cluster described for a reader: how big, which member stands for it (the medoid) and how
/// tight it is.
public struct ClusterSummary: Sendable, Codable, Equatable {
    /// The cluster's canonical number (see ``ClusterLabels``).
    public let cluster: Int
    /// Number of members.
    public let size: Int
    /// The member with the least summed Euclidean distance to the cluster's other members (over
    /// a seeded sample of them for clusters above the sample limit); a point index.
    public let medoid: Int
    /// Cohesion: the members' mean Euclidean distance to their centroid (0 for one point).
    public let meanDistanceToCentroid: Double
    /// The members' mean Euclidean distance to the medoid (0 for one point).
    public let meanDistanceToMedoid: Double

    /// Summaries of every cluster of `labels`, cluster 0 first (noise has none).
    ///
    /// The medoid is exact for clusters of at most `medoidSample` members; for larger ones it is
    /// the best of a seeded sample of `medoidSample` members, judged against that sample, so the
    /// cost stays O(medoidSample² · d) per cluster. The centroid distances use every member.
    public static func summarise(_ points: Matrix, labels: ClusterLabels, medoidSample: Int = 2000, seed: UInt64 = 1) throws(FitError) -> [ClusterSummary] {
        try FitError.check(points)
        guard labels.labels.count == points.rows else {
            throw .badParameter(name: "labels", value: "\(labels.labels.count)", reason: "there are \(points.rows) points")
        }
        guard medoidSample >= 1 else { throw .badParameter(name: "medoidSample", value: "\(medoidSample)", reason: "must be at least 1") }
        var random = SeededRandom(seed: seed)
        return labels.members.enumerated().map { cluster, members in
            var candidates = members
            if candidates.count > medoidSample {
                random.shuffle(&candidates)
                candidates = Array(candidates.prefix(medoidSample)).sorted()
            }
            let medoid = medoidOf(points, candidates)
            let memberRows = points.selecting(rows: members)
            let centroid = memberRows.columnMeans
            var toCentroid = 0.0, toMedoid = 0.0
            for member in members {
                var sc: Float = 0, sm: Float = 0
                for c in 0..<points.columns {
                    let v = points[member, c]
                    sc += (v - centroid[c]) * (v - centroid[c])
                    sm += (v - points[medoid, c]) * (v - points[medoid, c])
                }
                toCentroid += Double(sc.squareRoot())
                toMedoid += Double(sm.squareRoot())
            }
            let count = Double(members.count)
            return ClusterSummary(cluster: cluster, size: members.count, medoid: medoid,
                                  meanDistanceToCentroid: toCentroid / count, meanDistanceToMedoid: toMedoid / count)
        }
    }

    /// The candidate with the least summed distance to the other candidates (lowest index on ties).
    private static func medoidOf(_ points: Matrix, _ candidates: [Int]) -> Int {
        guard candidates.count > 2 else { return candidates[0] }
        let subset = points.selecting(rows: candidates)
        let norms = subset.squaredRowNorms
        let s = candidates.count, d = points.columns, tile = 256
        var products = [Float](repeating: 0, count: min(tile, s) * s)
        var best = (point: candidates[0], total: Double.infinity)
        subset.values.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: s, by: tile) {
                let rows = min(tile, s - start)
                products.withUnsafeMutableBufferPointer { out in
                    BLAS.productWithTranspose(m: rows, n: s, k: d, all.baseAddress! + start * d, all.baseAddress!, into: out.baseAddress!)
                }
                for r in 0..<rows {
                    let i = start + r
                    var total = 0.0
                    for j in 0..<s where j != i { total += Double(max(0, norms[i] + norms[j] - 2 * products[r * s + j]).squareRoot()) }
                    if total < best.total { best = (candidates[i], total) }
                }
            }
        }
        return best.point
    }
}
