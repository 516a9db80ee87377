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

    /// Measures mean and standard deviation of every dimension of `rows` (accumulated in Double).
    public init(fitting rows: [[Float]]) {
        precondition(!rows.isEmpty, "a standardizer needs at least one row")
        let dimension = rows[0].count
        var sum = [Double](repeating: 0, count: dimension), squares = [Double](repeating: 0, count: dimension)
        for row in rows {
            precondition(row.count == dimension, "rows of different lengths (\(row.count) vs \(dimension))")
            for j in 0..<dimension {
                let value = Double(row[j])
                sum[j] += value
                squares[j] += value * value
            }
        }
        let n = Double(rows.count)
        mean = sum.map { Float($0 / n) }
        scale = (0..<dimension).map { j in
            let variance = max(0, squares[j] / n - (sum[j] / n) * (sum[j] / n))
            let deviation = Float(variance.squareRoot())
            return deviation > 1e-12 ? deviation : 1
        }
    }

    /// `(value − mean) / scale` for each dimension.
    public func apply(_ row: [Float]) -> [Float] {
        precondition(row.count == mean.count, "row has \(row.count) values, the standardizer \(mean.count)")
        var out = row
        for j in out.indices { out[j] = (out[j] - mean[j]) / scale[j] }
        return out
    }
}
