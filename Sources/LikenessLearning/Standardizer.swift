import LikenessNumerics

/// Per-dimension standardisation: subtract the mean and divide by the standard deviation, both
/// measured on the training split only, so test data never leaks into the transform.
///
/// A dimension that is constant in the training data (standard deviation 0) is only centred, so
/// it maps to 0 there instead of dividing by zero.
public struct Standardizer: Sendable, Codable, Equatable {
    /// Mean of each dimension over the training rows.
    public let mean: [Float]
    /// Population standard deviation of each dimension over the training rows (1 where it was 0).
    public let scale: [Float]

    /// A standardizer with known means and scales (read back from a head's manifest).
    public init(mean: [Float], scale: [Float]) {
        precondition(mean.count == scale.count, "one scale per mean")
        self.mean = mean
        self.scale = scale
    }

    /// Measures mean and standard deviation of every dimension of `rows` (accumulated in Double;
    /// see ``init(fittingRows:)``).
    public init(fitting rows: [[Float]]) {
        precondition(!rows.isEmpty, "a standardizer needs at least one row")
        let dimension = rows[0].count
        for row in rows { precondition(row.count == dimension, "rows of different lengths (\(row.count) vs \(dimension))") }
        self.init(fittingRows: Matrix(rows: rows.count, columns: dimension, values: rows.flatMap { $0 }))
    }

    /// `(value − mean) / scale` for each dimension.
    public func apply(_ row: [Float]) -> [Float] {
        precondition(row.count == mean.count, "row has \(row.count) values, the standardizer \(mean.count)")
        var out = row
        for j in out.indices { out[j] = (out[j] - mean[j]) / scale[j] }
        return out
    }
}
