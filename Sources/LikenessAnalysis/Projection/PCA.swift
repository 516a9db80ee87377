import LikenessCore
import LikenessNumerics

/// Principal component analysis: the orthogonal directions of greatest variance, from the
/// eigendecomposition of the covariance matrix.
///
/// The d × d covariance is accumulated from centred row tiles (sgemm per tile, summed in double),
/// so memory is one tile plus d², never N × N; its largest eigenpairs come from LAPACK `dsyevr`.
/// Each component's sign is fixed (largest-magnitude loading positive) so runs are reproducible.
///
/// Reference: K. Pearson, "On lines and planes of closest fit to systems of points in space"
/// (1901); H. Hotelling (1933). Explained variance is divided by N − 1, as scikit-learn's `PCA`.
public struct PCA: Sendable, Equatable {
    /// The column means subtracted before projecting.
    public let mean: [Float]
    /// Components, one unit row each, largest variance first (`components × d`).
    public let components: Matrix
    /// Variance along each component.
    public let explainedVariance: [Double]
    /// Each component's share of the total variance.
    public let explainedVarianceRatio: [Double]

    /// Fits `count` components (at most d) to the rows of `points`.
    public init(fitting points: Matrix, components count: Int) throws(FitError) {
        guard points.rows > 0 else { throw .badPoints(.empty) }
        guard count >= 1 else { throw .badParameter(name: "components", value: "\(count)", reason: "needs at least one") }
        guard points.rows >= 2 else { throw .tooFewPoints(points: points.rows, needed: 2) }
        let d = points.columns
        let mean = points.columnMeans
        var covariance = [Double](repeating: 0, count: d * d)
        let tile = 2048
        for start in stride(from: 0, to: points.rows, by: tile) {
            let rows = min(tile, points.rows - start)
            var centred = Matrix(rows: rows, columns: d, values: Array(points.values[(start * d)..<((start + rows) * d)]))
            for r in 0..<rows { for c in 0..<d { centred.values[r * d + c] -= mean[c] } }
            let product = BLAS.product(centred, centred, transposingA: true)
            for i in 0..<(d * d) { covariance[i] += Double(product.values[i]) }
        }
        let scale = 1 / Double(points.rows - 1)
        for i in 0..<(d * d) { covariance[i] *= scale }
        var total = 0.0
        for c in 0..<d { total += covariance[c * d + c] }
        let eigen: SymmetricEigen
        do { eigen = try SymmetricEigen(symmetric: covariance, n: d, largest: min(count, d)) } catch { throw .numerics(error) }
        self.mean = mean
        self.components = Matrix(rows: eigen.vectors.count, columns: d, values: eigen.vectors.flatMap { $0.map(Float.init) })
        self.explainedVariance = eigen.values.map { max(0, $0) }
        self.explainedVarianceRatio = explainedVariance.map { total > 0 ? $0 / total : 0 }
    }

    /// The rows of `points` in component coordinates (N × components).
    public func transform(_ points: Matrix) -> Matrix {
        precondition(points.columns == mean.count, "points have \(points.columns) columns, the PCA \(mean.count)")
        var projected = BLAS.product(points, components, transposingB: true)
        let offset = BLAS.product(Matrix(rows: 1, columns: mean.count, values: mean), components, transposingB: true)
        for r in 0..<projected.rows {
            for c in 0..<projected.columns { projected[r, c] -= offset.values[c] }
        }
        return projected
    }
}
