import LikenessCore
import LikenessNumerics

/// The nearest-neighbour chain algorithm behind ``Agglomerative``: follows nearest neighbours from
/// cluster to cluster until two clusters are each other's nearest, merges them, and goes on from
/// the chain that is left. Valid for reducible linkages (Ward, average), for which it yields the
/// same dendrogram as merging the globally closest pair each time.
///
/// Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms" (2011), §3.
struct NearestNeighborChain {
    /// One merge: clusters holding points `a` and `b` joined at `height`.
    struct Merge {
        let a: Int
        let b: Int
        let height: Double
    }

    private let linkage: Agglomerative.Linkage
    private let n: Int
    private let d: Int
    private var active: [Bool]
    private var size: [Int]
    /// A point of each cluster, which names it in the merges.
    private var representative: [Int]
    /// Ward: each cluster's centroid (row-major, slot per cluster).
    private var centroids: [Double] = []
    /// Average: condensed Euclidean distances between clusters (slot i < j).
    private var distances: [Float] = []

    init(points: Matrix, linkage: Agglomerative.Linkage) {
        self.linkage = linkage
        n = points.rows
        d = points.columns
        active = [Bool](repeating: true, count: n)
        size = [Int](repeating: 1, count: n)
        representative = Array(0..<n)
        switch linkage {
        case .ward: centroids = points.values.map(Double.init)
        case .average: distances = Self.condensedDistances(points)
        }
    }

    /// All N − 1 merges, in the order the chain finds them (not sorted by height).
    mutating func run(cancellation: CancellationToken?) throws(FitError) -> [Merge] {
        var merges: [Merge] = []
        merges.reserveCapacity(n - 1)
        var chain: [Int] = []
        var nextStart = 0
        while merges.count < n - 1 {
            if merges.count % 256 == 0 { try FitError.checkCancellation(cancellation) }
            if chain.isEmpty {
                while !active[nextStart] { nextStart += 1 }
                chain.append(nextStart)
            }
            let a = chain[chain.count - 1]
            let previous = chain.count >= 2 ? chain[chain.count - 2] : -1
            let (best, bestDistance) = nearest(to: a, previous: previous)
            if best == previous {
                chain.removeLast(2)
                merges.append(Merge(a: representative[a], b: representative[previous], height: bestDistance))
                merge(a, previous)
            } else {
                chain.append(best)
            }
        }
        return merges
    }

    /// The active cluster nearest to `a` and its distance; `previous` (the one before `a` in the
    /// chain, or −1) wins ties, which keeps the chain from cycling.
    private func nearest(to a: Int, previous: Int) -> (Int, Double) {
        var best = previous, bestDistance = previous >= 0 ? distance(a, previous) : .infinity
        switch linkage {
        case .ward:
            // The hot loop: contiguous centroids, no per-pair dispatch.
            let sa = Double(size[a])
            centroids.withUnsafeBufferPointer { all in
                let base = all.baseAddress!
                let own = base + a * d
                for c in 0..<n where active[c] && c != a && c != previous {
                    let other = base + c * d
                    var squared = 0.0
                    for column in 0..<d { let delta = own[column] - other[column]; squared += delta * delta }
                    let sc = Double(size[c])
                    let value = sa * sc / (sa + sc) * squared
                    if value < bestDistance { (best, bestDistance) = (c, value) }
                }
            }
        case .average:
            for c in 0..<n where active[c] && c != a && c != previous {
                let value = distance(a, c)
                if value < bestDistance { (best, bestDistance) = (c, value) }
            }
        }
        return (best, bestDistance)
    }

    /// The linkage distance between active clusters `a` and `b` (Ward: the increase in the sum of squares).
    private func distance(_ a: Int, _ b: Int) -> Double {
        switch linkage {
        case .ward:
            var squared = 0.0
            for c in 0..<d { let delta = centroids[a * d + c] - centroids[b * d + c]; squared += delta * delta }
            let (sa, sb) = (Double(size[a]), Double(size[b]))
            return sa * sb / (sa + sb) * squared
        case .average:
            return Double(distances[Self.slot(min(a, b), max(a, b), n)])
        }
    }

    /// Merges cluster `b` into slot `a`.
    private mutating func merge(_ a: Int, _ b: Int) {
        let (sa, sb) = (Double(size[a]), Double(size[b]))
        switch linkage {
        case .ward:
            for c in 0..<d { centroids[a * d + c] = (sa * centroids[a * d + c] + sb * centroids[b * d + c]) / (sa + sb) }
        case .average:
            for c in 0..<n where active[c] && c != a && c != b {
                let ac = Self.slot(min(a, c), max(a, c), n), bc = Self.slot(min(b, c), max(b, c), n)
                distances[ac] = Float((sa * Double(distances[ac]) + sb * Double(distances[bc])) / (sa + sb))
            }
        }
        size[a] += size[b]
        active[b] = false
    }

    /// Position of pair (i < j) in a condensed matrix of `n` items.
    @inline(__always)
    private static func slot(_ i: Int, _ j: Int, _ n: Int) -> Int { i * n - i * (i + 1) / 2 + j - i - 1 }

    /// Euclidean distances between all pairs of rows, condensed, computed in sgemm tiles.
    private static func condensedDistances(_ points: Matrix) -> [Float] {
        let n = points.rows, d = points.columns, tile = 512
        let norms = points.squaredRowNorms
        var out = [Float](repeating: 0, count: n * (n - 1) / 2)
        var products = [Float](repeating: 0, count: tile * tile)
        points.values.withUnsafeBufferPointer { all in
            for a in stride(from: 0, to: n, by: tile) {
                let rows = min(tile, n - a)
                for b in stride(from: a, to: n, by: tile) {
                    let columns = min(tile, n - b)
                    products.withUnsafeMutableBufferPointer { c in
                        BLAS.productWithTranspose(m: rows, n: columns, k: d, all.baseAddress! + a * d, all.baseAddress! + b * d, into: c.baseAddress!)
                    }
                    for i in 0..<rows {
                        for j in 0..<columns where a + i < b + j {
                            let squared = max(0, norms[a + i] + norms[b + j] - 2 * products[i * columns + j])
                            out[slot(a + i, b + j, n)] = squared.squareRoot()
                        }
                    }
                }
            }
        }
        return out
    }
}
