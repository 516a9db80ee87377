extension MetricError {
    /// A vector index's error in the terms of metrics: the vector at the index's position, with
    /// lengths that differ or a value that is not finite; a failure of the index's library as it is.
    public init(_ error: VectorIndexError) {
        switch error {
        case let .dimensionMismatch(expected, actual, position): self = .inVector(position, .unequalLengths(actual, expected))
        case let .nonFinite(position): self = .inVector(position, .nonFinite(position: 0))
        case .backend, .stopped: self = .index(error)
        }
    }
}
