import LikenessCore
import LikenessIndex
import LikenessNumerics

extension FitError {
    /// Refuses points a fit cannot use: none, zero-length rows, or any NaN or infinity (naming its row).
    static func check(_ points: Matrix) throws(FitError) {
        guard points.rows > 0 else { throw .badPoints(.empty) }
        guard points.columns > 0 else { throw .badPoints(.ragged(row: 0, length: 0, expected: 1)) }
        let columns = points.columns
        for (offset, value) in points.values.enumerated() where !value.isFinite {
            throw .badPoints(.notFinite(row: offset / columns))
        }
    }

    /// Throws ``cancelled`` once `cancellation` was cancelled.
    @inline(__always)
    static func checkCancellation(_ cancellation: CancellationToken?) throws(FitError) {
        if cancellation?.isCancelled == true { throw .cancelled }
    }

    /// The Euclidean index neighbour queries go through: `index` when given (it must hold exactly
    /// these points, by L2), else an ``ExactVectorIndex`` built from them.
    static func euclideanIndex(_ points: Matrix, _ index: (any VectorIndex)?) throws(FitError) -> any VectorIndex {
        guard let index else {
            var exact = ExactVectorIndex(dimension: points.columns, metric: .l2)
            do { try exact.add(points.rowArrays) } catch { throw .badPoints(.notFinite(row: 0)) }
            return exact
        }
        guard index.metric == .l2 else {
            throw .badParameter(name: "index", value: index.metric.rawValue, reason: "clustering measures Euclidean distance; give an l2 index")
        }
        guard index.dimension == points.columns else {
            throw .badPoints(.ragged(row: 0, length: points.columns, expected: index.dimension))
        }
        guard index.count == points.rows else {
            throw .badParameter(name: "index", value: "\(index.count) vectors", reason: "it must hold the \(points.rows) points being clustered, in order")
        }
        return index
    }
}
