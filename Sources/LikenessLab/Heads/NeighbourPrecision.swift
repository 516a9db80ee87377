import LikenessCore
import LikenessIndex
import LikenessNumerics

/// P@k of a set against itself: for every row, the share of its `k` nearest other rows (cosine,
/// through the exact index) that share its label, averaged over the rows. Training scores its
/// validation split with it after every epoch; `eval` scores the test queries with the full
/// ``RetrievalEvaluation``.
enum NeighbourPrecision {
    static func score(_ rows: Matrix, labels: [Int], k: Int) -> Double {
        precondition(rows.rows == labels.count, "one label per row")
        guard rows.rows > 1 else { return 0 }
        var index = ExactVectorIndex(dimension: rows.columns, metric: .cosine)
        do { try index.add(rows.rowArrays) } catch { return 0 }
        let found = index.neighbors(k: k, within: -.infinity)
        var total = 0.0
        for (row, neighbours) in found.enumerated() {
            total += Double(neighbours.filter { labels[$0.id] == labels[row] }.count) / Double(k)
        }
        return total / Double(rows.rows)
    }
}
