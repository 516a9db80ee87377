extension Metric {
    /// The BLAS-served index metric that ranks exactly as this one does, when there is one:
    /// cosine and dot as themselves, Euclidean as L2, squared Euclidean as L2 (its square is
    /// monotone; ``indexScore(_:)`` squares it back). Nil for metrics served by an exact scan.
    public var indexMetric: VectorMetric? {
        switch self {
        case .cosine: .cosine
        case .dot: .dot
        case .euclidean, .squaredEuclidean: .l2
        default: nil
        }
    }

    /// This metric's value from the score of its ``indexMetric``.
    public func indexScore(_ score: Float) -> Float {
        self == .squaredEuclidean ? score * score : score
    }

    /// True for Pearson and Spearman: correlations, which an index serves as the dot product of
    /// centred unit vectors (of the values, or of their ranks).
    public var isCorrelation: Bool { self == .pearson || self == .spearman }
}
