import LikenessNumerics

/// A learned embedding head: base features are standardised as in training, then mapped by the
/// network to a new, unit-length embedding.
public struct EmbeddingHead: Sendable, Equatable {
    /// The training rows' per-dimension mean and deviation.
    public var standardizer: Standardizer
    public var network: Network

    public init(standardizer: Standardizer, network: Network) throws(NetworkError) {
        guard standardizer.mean.count == network.inputWidth else { throw .mismatch(layer: 0, description: "standardizer", input: standardizer.mean.count) }
        self.standardizer = standardizer
        self.network = network
    }

    /// Width of the base features it takes.
    public var inputWidth: Int { network.inputWidth }

    /// The head's embedding of every row of base features, computed in batches of `batch` rows so
    /// the hidden layers of a large set are never held at once.
    public func embed(_ rows: Matrix, batch: Int = 1024) -> Matrix {
        var values: [Float] = []
        values.reserveCapacity(rows.rows * network.outputWidth)
        for start in stride(from: 0, to: rows.rows, by: batch) {
            let part = rows.selecting(rows: Array(start..<min(start + batch, rows.rows)))
            values += network(standardizer.apply(rows: part)).values
        }
        return Matrix(rows: rows.rows, columns: network.outputWidth, values: values)
    }
}
