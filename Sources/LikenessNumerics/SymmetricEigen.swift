internal import COpenBLAS

/// The largest eigenvalues and their eigenvectors of a symmetric matrix, by LAPACK's `dsyevr`
/// (relatively robust representations; Dhillon and Parlett 2004), in double precision.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues, largest first.
    public let values: [Double]
    /// `vectors[i]` is the unit eigenvector of `values[i]` (length n), its sign fixed so that its
    /// entry of largest magnitude is positive, making the result reproducible.
    public let vectors: [[Double]]

    /// The `count` largest eigenpairs of the symmetric n × n matrix given row-major (only its
    /// upper triangle is read). Throws ``NumericsError`` when LAPACK does not converge.
    public init(symmetric matrix: [Double], n: Int, largest count: Int) throws(NumericsError) {
        precondition(matrix.count == n * n, "matrix is not n × n")
        let wanted = min(max(count, 0), n)
        guard wanted > 0 else { values = []; vectors = []; return }
        var a = matrix
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * wanted)
        var support = [Int32](repeating: 0, count: 2 * wanted)
        var found: Int32 = 0
        // Workspace query first, then the call.
        var workSize = [Double](repeating: 0, count: 1)
        var iworkSize = [Int32](repeating: 0, count: 1)
        var info = lk_dsyevr(Int32(n), &a, Int32(n - wanted + 1), Int32(n), &w, &z, &support,
                             &workSize, -1, &iworkSize, -1, &found)
        guard info == 0 else { throw .lapack(routine: "dsyevr", info: Int(info)) }
        var work = [Double](repeating: 0, count: max(1, Int(workSize[0])))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iworkSize[0])))
        info = lk_dsyevr(Int32(n), &a, Int32(n - wanted + 1), Int32(n), &w, &z, &support,
                         &work, Int32(work.count), &iwork, Int32(iwork.count), &found)
        guard info == 0 else { throw .lapack(routine: "dsyevr", info: Int(info)) }
        let m = Int(found)
        // LAPACK gives ascending order, one column (length n) per value; flip to largest first.
        var values: [Double] = [], vectors: [[Double]] = []
        for column in stride(from: m - 1, through: 0, by: -1) {
            var vector = Array(z[(column * n)..<((column + 1) * n)])
            if let peak = vector.max(by: { abs($0) < abs($1) }), peak < 0 { vector = vector.map { -$0 } }
            values.append(w[column])
            vectors.append(vector)
        }
        self.values = values
        self.vectors = vectors
    }
}
