import LikenessNumerics

extension Matrix {
    /// The `rows × rows` squared Euclidean distances between this matrix's rows, from one BLAS
    /// product: ‖a‖² + ‖b‖² − 2 a·b, clamped at zero (rounding can make it slightly negative).
    /// For one training batch; never for a collection.
    func squaredDistancesWithin() -> Matrix {
        var gram = Matrix(zeros: rows, columns: rows)
        values.withUnsafeBufferPointer { x in
            gram.values.withUnsafeMutableBufferPointer { g in
                BLAS.productWithTranspose(m: rows, n: rows, k: columns, x.baseAddress!, x.baseAddress!, into: g.baseAddress!)
            }
        }
        let norms = squaredRowNorms
        for i in 0..<rows {
            for j in 0..<rows { gram[i, j] = i == j ? 0 : max(0, norms[i] + norms[j] - 2 * gram[i, j]) }
        }
        return gram
    }
}
