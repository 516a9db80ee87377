import LikenessNumerics

extension Standardizer {
    /// Measures every column's mean and standard deviation over the rows of `matrix` (see
    /// ``init(fitting:)``), without copying the rows into arrays.
    public init(fittingRows matrix: Matrix) {
        precondition(matrix.rows > 0, "a standardizer needs at least one row")
        let d = matrix.columns
        var sum = [Double](repeating: 0, count: d), squares = [Double](repeating: 0, count: d)
        for r in 0..<matrix.rows {
            for j in 0..<d {
                let value = Double(matrix.values[r * d + j])
                sum[j] += value
                squares[j] += value * value
            }
        }
        let n = Double(matrix.rows)
        self.init(mean: sum.map { Float($0 / n) }, scale: (0..<d).map { j in
            let deviation = Float(max(0, squares[j] / n - (sum[j] / n) * (sum[j] / n)).squareRoot())
            return deviation > 1e-12 ? deviation : 1
        })
    }

    /// Every row of `matrix` standardised.
    public func apply(rows matrix: Matrix) -> Matrix {
        precondition(matrix.columns == mean.count, "rows have \(matrix.columns) values, the standardizer \(mean.count)")
        var out = matrix
        let d = matrix.columns
        for r in 0..<matrix.rows {
            for j in 0..<d { out.values[r * d + j] = (out.values[r * d + j] - mean[j]) / scale[j] }
        }
        return out
    }
}
