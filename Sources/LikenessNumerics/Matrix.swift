/// A dense row-major matrix of floats: `rows` vectors of `columns` values each, stored in one
/// contiguous array so BLAS can work on it without copies.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major values: row r occupies `values[r * columns ..< (r + 1) * columns]`.
    public var values: [Float]

    /// A matrix over existing row-major values; `values.count` must be `rows × columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "\(values.count) values do not make a \(rows) × \(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A `rows × columns` matrix of zeros.
    public init(zeros rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: [Float](repeating: 0, count: rows * columns))
    }

    /// The vectors as rows, checked: at least one, all of one length, every value finite.
    /// Throws ``MatrixError`` naming the first bad row.
    public init(checking vectors: [[Float]]) throws(MatrixError) {
        guard let first = vectors.first else { throw .empty }
        guard !first.isEmpty else { throw .ragged(row: 0, length: 0, expected: 1) }
        var values = [Float]()
        values.reserveCapacity(vectors.count * first.count)
        for (row, vector) in vectors.enumerated() {
            guard vector.count == first.count else { throw .ragged(row: row, length: vector.count, expected: first.count) }
            guard vector.allSatisfy(\.isFinite) else { throw .notFinite(row: row) }
            values += vector
        }
        self.init(rows: vectors.count, columns: first.count, values: values)
    }

    /// The value at (row, column).
    @inline(__always)
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// A copy of one row.
    public func row(_ r: Int) -> [Float] { Array(values[(r * columns)..<((r + 1) * columns)]) }

    /// Every row as its own array (for APIs that take `[[Float]]`).
    public var rowArrays: [[Float]] { (0..<rows).map(row) }

    /// The rows at these positions, in this order.
    public func selecting(rows picked: [Int]) -> Matrix {
        var out = [Float]()
        out.reserveCapacity(picked.count * columns)
        for r in picked { out += values[(r * columns)..<((r + 1) * columns)] }
        return Matrix(rows: picked.count, columns: columns, values: out)
    }

    /// Squared Euclidean norm of every row.
    public var squaredRowNorms: [Float] {
        values.withUnsafeBufferPointer { all in
            (0..<rows).map { r in
                let row = all.baseAddress! + r * columns
                var sum: Float = 0
                for c in 0..<columns { sum += row[c] * row[c] }
                return sum
            }
        }
    }

    /// The same rows scaled to unit length (a zero row stays zero).
    public func normalisedRows() -> Matrix {
        var out = self
        let norms = squaredRowNorms
        for r in 0..<rows where norms[r] > 0 {
            let scale = 1 / norms[r].squareRoot()
            for c in 0..<columns { out.values[r * columns + c] *= scale }
        }
        return out
    }

    /// The mean of every column.
    public var columnMeans: [Float] {
        guard rows > 0 else { return [Float](repeating: 0, count: columns) }
        var sums = [Double](repeating: 0, count: columns)
        for r in 0..<rows { for c in 0..<columns { sums[c] += Double(values[r * columns + c]) } }
        return sums.map { Float($0 / Double(rows)) }
    }
}

extension Matrix {
    /// The mean over columns of each column's variance (population), the scale k-means' tolerance is relative to.
    public var meanColumnVariance: Double {
        guard rows > 0, columns > 0 else { return 0 }
        let means = columnMeans
        var total = 0.0
        for r in 0..<rows {
            for c in 0..<columns { let delta = Double(values[r * columns + c] - means[c]); total += delta * delta }
        }
        return total / Double(rows * columns)
    }
}
