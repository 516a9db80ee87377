import LikenessCore
import LikenessIndex
import LikenessNumerics

/// A spanning tree of the mutual-reachability graph HDBSCAN builds its hierarchy from, in
/// O(N·k) memory: never an N × N matrix.
///
/// The mutual-reachability distance of two points is max(core(a), core(b), ‖a − b‖), where a
/// point's core distance is the distance to its `minSamples`-th nearest point (itself counted).
/// The tree is built in two steps:
/// 1. Kruskal's algorithm over the k-nearest-neighbour graph (each point's `k` nearest, weighted
///    by mutual reachability) gives a minimum spanning forest of that graph;
/// 2. the forest's components are joined by Borůvka rounds over every pair of points in different
///    components (sgemm tiles over the component-sorted points, each inter-component pair once),
///    each round adding every component's exact lightest outgoing edge.
///
/// Step 2 is exact, so the tree is a minimum spanning tree whenever the k-NN graph holds the MST's
/// edges inside each component; an MST edge the k-NN graph misses is replaced by the lightest
/// edge step 1 found, which is what the `hdbscan` library's default approximate Borůvka accepts
/// as well. A round costs (N² − Σ|C|²)/2 distances, small once one component dominates.
///
/// References: R. Campello, D. Moulavi and J. Sander, "Density-based clustering based on
/// hierarchical density estimates" (PAKDD 2013); L. McInnes and J. Healy, "Accelerated
/// hierarchical density based clustering" (ICDMW 2017); O. Borůvka (1926); J. B. Kruskal (1956).
struct MutualReachabilityTree {
    /// One tree edge.
    struct Edge {
        var a: Int32
        var b: Int32
        var weight: Float
    }

    /// Core distance of every point.
    let coreDistances: [Float]
    /// The N − 1 edges, in no promised order.
    let edges: [Edge]
    /// Components the k-NN forest left (1 when the k-NN graph was connected).
    let forestComponents: Int

    /// Builds the tree for `points` through `index` (L2, holding the points in order).
    init(points: Matrix, index: any VectorIndex, minSamples: Int, graphNeighbors: Int,
         cancellation: CancellationToken?) throws(FitError) {
        let n = points.rows
        let k = min(max(minSamples - 1, graphNeighbors), n - 1)
        let neighbours = index.neighbors(k: k, within: .infinity)
        try FitError.checkCancellation(cancellation)
        let core: [Float] = minSamples <= 1 ? [Float](repeating: 0, count: n)
            : neighbours.map { $0.isEmpty ? 0 : $0[min(minSamples - 2, $0.count - 1)].score }
        var candidates: [Edge] = []
        candidates.reserveCapacity(n * k)
        for (a, list) in neighbours.enumerated() {
            for neighbour in list {
                candidates.append(Edge(a: Int32(a), b: Int32(neighbour.id), weight: max(neighbour.score, core[a], core[neighbour.id])))
            }
        }
        candidates.sort { $0.weight < $1.weight }
        var sets = DisjointSets(count: n)
        var tree: [Edge] = []
        tree.reserveCapacity(n - 1)
        for edge in candidates where sets.union(Int(edge.a), Int(edge.b)) { tree.append(edge) }
        let forest = n - tree.count
        while tree.count < n - 1 {
            try FitError.checkCancellation(cancellation)
            tree += try Self.boruvkaRound(points: points, core: core, sets: &sets, cancellation: cancellation)
        }
        coreDistances = core
        edges = tree
        forestComponents = forest
    }

    /// One Borůvka round: every component's lightest edge to another component, found by scanning
    /// each inter-component pair once; the edges that join two components are added to `sets` and returned.
    private static func boruvkaRound(points: Matrix, core: [Float], sets: inout DisjointSets,
                                     cancellation: CancellationToken?) throws(FitError) -> [Edge] {
        let n = points.rows, d = points.columns
        var componentOf = [Int](repeating: 0, count: n)
        var rootNumber: [Int: Int] = [:]
        for point in 0..<n {
            let root = sets.find(point)
            if let number = rootNumber[root] { componentOf[point] = number } else {
                componentOf[point] = rootNumber.count
                rootNumber[root] = rootNumber.count
            }
        }
        let order = (0..<n).sorted { componentOf[$0] != componentOf[$1] ? componentOf[$0] < componentOf[$1] : $0 < $1 }
        let sorted = points.selecting(rows: order)
        let norms = sorted.squaredRowNorms
        let sortedCore = order.map { core[$0] }
        let sortedComponent = order.map { componentOf[$0] }
        var best = [Edge](repeating: Edge(a: -1, b: -1, weight: .infinity), count: rootNumber.count)
        let rowTile = 256, columnTile = 4096
        var products = [Float](repeating: 0, count: rowTile * columnTile)
        var start = 0
        sorted.values.withUnsafeBufferPointer { all in
            while start < n {
                var end = start
                while end < n && sortedComponent[end] == sortedComponent[start] { end += 1 }
                for rowStart in stride(from: start, to: end, by: rowTile) {
                    if cancellation?.isCancelled == true { return }
                    let rows = min(rowTile, end - rowStart)
                    for columnStart in stride(from: end, to: n, by: columnTile) {
                        let columns = min(columnTile, n - columnStart)
                        products.withUnsafeMutableBufferPointer { out in
                            BLAS.productWithTranspose(m: rows, n: columns, k: d, all.baseAddress! + rowStart * d,
                                                      all.baseAddress! + columnStart * d, into: out.baseAddress!)
                        }
                        for r in 0..<rows {
                            let a = rowStart + r
                            let (normA, coreA, componentA) = (norms[a], sortedCore[a], sortedComponent[a])
                            var rowBest = best[componentA].weight
                            for c in 0..<columns {
                                let b = columnStart + c
                                let squared = max(0, normA + norms[b] - 2 * products[r * columns + c])
                                let weight = max(squared.squareRoot(), coreA, sortedCore[b])
                                if weight < rowBest {
                                    rowBest = weight
                                    best[componentA] = Edge(a: Int32(order[a]), b: Int32(order[b]), weight: weight)
                                }
                                let componentB = sortedComponent[b]
                                if weight < best[componentB].weight {
                                    best[componentB] = Edge(a: Int32(order[b]), b: Int32(order[a]), weight: weight)
                                }
                            }
                        }
                    }
                }
                start = end
            }
        }
        try FitError.checkCancellation(cancellation)
        var added: [Edge] = []
        for edge in best.sorted(by: { $0.weight < $1.weight }) where edge.a >= 0 && sets.union(Int(edge.a), Int(edge.b)) {
            added.append(edge)
        }
        return added
    }
}
