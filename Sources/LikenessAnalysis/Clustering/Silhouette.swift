import LikenessCore
import LikenessNumerics

/// The silhouette coefficient: for each point, (b − a) / max(a, b), where a is its mean distance
/// to the other points of its cluster and b its mean distance to the points of the nearest other
/// cluster; the score is the mean over points, in −1...1, higher for compact, separated clusters.
///
/// Distances are Euclidean. Noise points (label −1) are left out of the score, both as points and
/// as neighbours. A point alone in its cluster scores 0, as in scikit-learn. With a sample, the
/// score is computed among the sampled points only (scikit-learn's `sample_size`), so its cost is
/// O(sample² · d) and its memory one tile of distances.
///
/// Reference: P. J. Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation
/// of cluster analysis" (Journal of Computational and Applied Mathematics, 1987).
public enum Silhouette {
    /// The mean silhouette of the points (or of a seeded sample of `sample` of them).
    ///
    /// - Throws: ``FitError/badParameter(name:value:reason:)`` when the labels do not fit the
    ///   points or fewer than two clusters remain; ``FitError/badPoints(_:)`` for unusable points.
    public static func score(points: Matrix, labels: [Int], sample: Int? = nil, seed: UInt64 = 1) throws(FitError) -> Double {
        try FitError.check(points)
        guard labels.count == points.rows else {
            throw .badParameter(name: "labels", value: "\(labels.count)", reason: "there are \(points.rows) points")
        }
        var chosen = labels.indices.filter { labels[$0] >= 0 }
        if let sample, sample < chosen.count {
            guard sample >= 2 else { throw .badParameter(name: "sample", value: "\(sample)", reason: "must be at least 2") }
            var random = SeededRandom(seed: seed)
            random.shuffle(&chosen)
            chosen = Array(chosen.prefix(sample)).sorted()
        }
        var dense: [Int: Int] = [:]
        let cluster = chosen.map { point in
            if let known = dense[labels[point]] { return known }
            dense[labels[point]] = dense.count
            return dense.count - 1
        }
        let clusters = dense.count
        guard clusters >= 2 else {
            throw .badParameter(name: "labels", value: "\(clusters) cluster\(clusters == 1 ? "" : "s")", reason: "the silhouette needs at least two clusters")
        }
        var sizes = [Int](repeating: 0, count: clusters)
        for c in cluster { sizes[c] += 1 }
        let subset = points.selecting(rows: chosen)
        let norms = subset.squaredRowNorms
        let s = chosen.count, d = points.columns, tile = 256
        var products = [Float](repeating: 0, count: tile * s)
        var sums = [Double](repeating: 0, count: clusters)
        var total = 0.0
        subset.values.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: s, by: tile) {
                let rows = min(tile, s - start)
                products.withUnsafeMutableBufferPointer { out in
                    BLAS.productWithTranspose(m: rows, n: s, k: d, all.baseAddress! + start * d, all.baseAddress!, into: out.baseAddress!)
                }
                for r in 0..<rows {
                    let i = start + r
                    for c in 0..<clusters { sums[c] = 0 }
                    for j in 0..<s where j != i {
                        sums[cluster[j]] += Double(max(0, norms[i] + norms[j] - 2 * products[r * s + j]).squareRoot())
                    }
                    let own = cluster[i]
                    guard sizes[own] > 1 else { continue }
                    let a = sums[own] / Double(sizes[own] - 1)
                    var b = Double.infinity
                    for c in 0..<clusters where c != own { b = min(b, sums[c] / Double(sizes[c])) }
                    let denominator = max(a, b)
                    if denominator > 0 { total += (b - a) / denominator }
                }
            }
        }
        return total / Double(s)
    }
}
