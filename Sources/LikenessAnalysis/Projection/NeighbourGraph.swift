import LikenessCore
import LikenessIndex
import LikenessNumerics

/// Every point's `k` nearest other points and their Euclidean distances, in flat arrays (row i
/// occupies `i * k ..< (i + 1) * k`, closest first): the k-NN graph t-SNE and UMAP start from.
///
/// The neighbours come from a ``VectorIndex`` (`neighbors(k:within:)`), the exact index over
/// Euclidean distance unless the caller passes one, so an approximate index speeds maps up
/// without changes here. Memory is O(N·k).
struct NeighbourGraph: Sendable {
    let count: Int
    let k: Int
    /// Neighbour ids, `count × k`.
    let ids: [Int32]
    /// Euclidean distances, `count × k`, ascending along each row.
    let distances: [Float]

    /// The graph of `points` from `index` (which must hold exactly these points), or from an exact
    /// Euclidean index built here when `index` is nil. Scores of a cosine or dot index become the
    /// Euclidean distance between unit vectors, √(2 − 2s).
    static func build(_ points: Matrix, k: Int, index: (any VectorIndex)?) throws(FitError) -> NeighbourGraph {
        let source: any VectorIndex
        if let index {
            guard index.count == points.rows else {
                throw .badParameter(name: "index", value: "of \(index.count) vectors", reason: "it must hold the \(points.rows) points being mapped")
            }
            source = index
        } else {
            var exact = ExactVectorIndex(dimension: points.columns, metric: .l2)
            do { try exact.add(points.rowArrays) } catch { throw .badParameter(name: "points", value: "\(points.rows)", reason: "\(error)") }
            source = exact
        }
        let lists = source.neighbors(k: k, within: source.metric.unboundedThreshold)
        let metric = source.metric
        var ids = [Int32](repeating: 0, count: points.rows * k)
        var distances = [Float](repeating: 0, count: points.rows * k)
        for (i, list) in lists.enumerated() {
            guard list.count == k else {
                throw .badParameter(name: "index", value: "listed \(list.count) neighbours of vector \(i)", reason: "\(k) were needed")
            }
            for (slot, neighbour) in list.enumerated() {
                ids[i * k + slot] = Int32(neighbour.id)
                distances[i * k + slot] = metric == .l2 ? neighbour.score : max(0, 2 - 2 * neighbour.score).squareRoot()
            }
        }
        return NeighbourGraph(count: points.rows, k: k, ids: ids, distances: distances)
    }

    /// Refuses a set whose points are all the same: no map can separate anything.
    static func requireDistinct(_ points: Matrix) throws(FitError) {
        let d = points.columns
        for r in 1..<points.rows {
            for c in 0..<d where points.values[r * d + c] != points.values[c] { return }
        }
        throw .badParameter(name: "points", value: "all \(points.rows) identical", reason: "a map needs at least two distinct points")
    }
}
