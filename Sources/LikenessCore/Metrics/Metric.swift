/// The closed set of measures between two vectors (and bit hashes), parsed once from the names
/// users type.
///
/// Each case states its definition for vectors `x`, `y` of length `n`. Values are computed in
/// `Double` from `Float` inputs (see ``Metric/measure(_:_:)``); the BLAS paths of an index
/// (``indexMetric``) compute the same ranking in `Float`.
///
/// Similarities (higher is closer): ``cosine``, ``dot``, ``pearson``, ``spearman``, ``jaccard``.
/// Distances (lower is closer): every other case. ``higherIsCloser`` says which.
///
/// References: Deza & Deza, *Encyclopedia of Distances* (4th ed., 2016) for the Minkowski family,
/// Jaccard and Hamming; Spearman (1904) for rank correlation; Rubner, Tomasi & Guibas, "The Earth
/// Mover's Distance as a metric for image retrieval" (IJCV 2000) for EMD and χ² between histograms.
public enum Metric: Sendable, Hashable {
    /// Cosine similarity `x·y / (‖x‖ ‖y‖)`, in [−1, 1]. A zero vector has similarity 0 with every
    /// vector, itself included (as in ``ExactVectorIndex``'s cosine). SciPy's `cosine` is 1 − this.
    case cosine
    /// Inner product `Σ xᵢ yᵢ`.
    case dot
    /// Euclidean distance `√Σ (xᵢ − yᵢ)²`.
    case euclidean
    /// Squared Euclidean distance `Σ (xᵢ − yᵢ)²` (not a metric: no triangle inequality).
    case squaredEuclidean
    /// Manhattan (city-block, L1) distance `Σ |xᵢ − yᵢ|`.
    case manhattan
    /// Chebyshev (L∞) distance `maxᵢ |xᵢ − yᵢ|`.
    case chebyshev
    /// Minkowski distance `(Σ |xᵢ − yᵢ|ᵖ)^(1/p)` for a finite `p ≥ 1` (below 1 it breaks the
    /// triangle inequality and is refused with ``MetricError/badParameter(name:value:reason:)``).
    case minkowski(p: Double)
    /// Pearson correlation `Σ (xᵢ − x̄)(yᵢ − ȳ) / √(Σ (xᵢ − x̄)² Σ (yᵢ − ȳ)²)`, in [−1, 1]; undefined
    /// (a ``MetricError/constantVector`` error) when either vector is constant. SciPy's
    /// `correlation` is 1 − this.
    case pearson
    /// Spearman rank correlation: Pearson correlation of the ranks, ties given the mean of the
    /// ranks they span (``TiedRanks``).
    case spearman
    /// Weighted (min–max, Ružička) Jaccard similarity `Σ min(xᵢ, yᵢ) / Σ max(xᵢ, yᵢ)` of
    /// non-negative vectors, in [0, 1]; 1 when both are zero. On 0/1 vectors it is the Jaccard
    /// similarity `|X ∩ Y| / |X ∪ Y|` of the sets they mark, as it is for bit hashes
    /// (``BitHash/jaccardSimilarity(to:)``). SciPy's `jaccard` on booleans is 1 − this.
    case jaccard
    /// Hamming distance: the number of positions that differ, for 0/1 vectors and bit hashes.
    /// SciPy's `hamming` is this divided by `n`.
    case hamming
    /// χ² distance between non-negative vectors (histograms) in the symmetric form
    /// `½ Σ (xᵢ − yᵢ)² / (xᵢ + yᵢ)`, terms with `xᵢ + yᵢ = 0` counting 0; in [0, 1] for two
    /// histograms of unit mass.
    case chiSquare
    /// Earth Mover's Distance between histograms over ordered bins `0, 1, …, n − 1` a unit apart:
    /// each is scaled to unit mass, and the distance is the L1 distance of their cumulative sums
    /// `Σ |Xᵢ − Yᵢ|` (the 1-D closed form; equal to the first Wasserstein distance, SciPy's
    /// `wasserstein_distance`). Both must have the same mass (``EarthMovers/massTolerance``).
    /// For any other ground distance, see ``Transportation``.
    case emd

    /// Every metric, Minkowski with p = 3 standing for its family.
    public static let allNamed: [Metric] = [.cosine, .dot, .euclidean, .squaredEuclidean, .manhattan, .chebyshev, .minkowski(p: 3),
                                            .pearson, .spearman, .jaccard, .hamming, .chiSquare, .emd]

    /// True when a higher value means closer (similarities); false for distances.
    public var higherIsCloser: Bool {
        switch self {
        case .cosine, .dot, .pearson, .spearman, .jaccard: true
        case .euclidean, .squaredEuclidean, .manhattan, .chebyshev, .minkowski, .hamming, .chiSquare, .emd: false
        }
    }

    /// True when `a` is closer than `b` by this metric.
    @inline(__always)
    public func closer(_ a: Double, than b: Double) -> Bool { higherIsCloser ? a > b : a < b }
}
