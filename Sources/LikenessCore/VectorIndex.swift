/// One search result: the position of a stored vector and its score.
public struct Neighbor: Hashable, Sendable, Codable {
    /// Position of the vector in the index (the order it was added in).
    public var id: Int
    /// Similarity (higher is closer) for cosine and dot; distance (lower is closer) for L2.
    public var score: Float

    public init(id: Int, score: Float) {
        self.id = id
        self.score = score
    }
}

/// How vectors are compared in an index.
public enum VectorMetric: String, Sendable, Codable, CaseIterable {
    /// Cosine similarity; vectors are L2-normalised when added. A zero vector stays zero and has
    /// similarity 0 with every vector, itself included.
    case cosine
    /// Inner product.
    case dot
    /// Euclidean distance.
    case l2

    /// True when a higher score means closer.
    public var higherIsCloser: Bool { self != .l2 }

    /// The threshold every score is within: −∞ for similarities, +∞ for distances.
    public var unboundedThreshold: Float { higherIsCloser ? -.infinity : .infinity }

    /// True when `score` is within `threshold`: at least it for similarities, at most it for distances.
    @inline(__always)
    public func accepts(_ score: Float, within threshold: Float) -> Bool {
        higherIsCloser ? score >= threshold : score <= threshold
    }

    /// True when `a` ranks before `b`: closer, or as close and with the lower id.
    @inline(__always)
    public func ranks(_ a: Neighbor, before b: Neighbor) -> Bool {
        a.score != b.score ? (higherIsCloser ? a.score > b.score : a.score < b.score) : a.id < b.id
    }
}

/// A searchable set of equal-length float vectors, each known by its id: its position in the
/// order it was added in.
///
/// The contract every index keeps (``ExactVectorIndex`` is the reference; the conformance suite
/// in `LikenessTestSupport` checks it):
/// - Scores are similarities (higher is closer) for cosine and dot, distances (lower is closer)
///   for L2. "Within `threshold`" means score ≥ threshold for similarities, ≤ for distances.
/// - Every list is closest first; equal scores are ordered by lower id.
/// - Cosine indexes store unit vectors; a zero vector is stored as it is and scores 0.
/// - Vectors of the wrong length, or holding NaN or an infinity, are refused with a
///   ``VectorIndexError``, whether added or searched with: queries may come from users (the
///   server passes them on), so a bad one is an error to report, not a crash.
/// - `k` ≤ 0 gives empty lists; a `k` above ``count`` gives every stored vector that qualifies.
///
/// An approximate index may miss true neighbours (its recall is measured against the exact
/// index) but keeps the rest of the contract.
public protocol VectorIndex: Sendable {
    var metric: VectorMetric { get }
    /// Length of every stored vector.
    var dimension: Int { get }
    /// Number of stored vectors; the next one added gets this id.
    var count: Int { get }

    /// Adds vectors; their ids continue from ``count``. Nothing is added if any is refused.
    mutating func add(_ vectors: [[Float]]) throws(VectorIndexError)

    /// The stored (for cosine: normalised) vector with this id, which must be below ``count``.
    func vector(at id: Int) -> [Float]

    /// The `k` closest stored vectors for each query, closest first (ties by lower id).
    func search(_ queries: [[Float]], k: Int) throws(VectorIndexError) -> [[Neighbor]]

    /// The stored vectors closest to each query, at most `k` and only those within `threshold`.
    func search(_ queries: [[Float]], k: Int, within threshold: Float) throws(VectorIndexError) -> [[Neighbor]]

    /// Every stored vector within `threshold` of each query, closest first.
    func range(_ queries: [[Float]], threshold: Float) throws(VectorIndexError) -> [[Neighbor]]

    /// For every stored vector, its `k` closest other stored vectors within `threshold`, closest
    /// first (ties by lower id).
    func neighbors(k: Int, within threshold: Float) -> [[Neighbor]]

    /// Every pair of stored vectors (i < j) within `threshold`, in no promised order. There can be
    /// N²/2 of them on dense data; ``neighborPairs(k:within:)`` bounds them.
    func pairs(within threshold: Float) -> [(i: Int, j: Int, score: Float)]

    /// The pairs (i < j) where either vector is among the other's `k` closest within `threshold`:
    /// at most `count × k` pairs, in order of `i`, then closeness, then `j`.
    func neighborPairs(k: Int, within threshold: Float) -> [(i: Int, j: Int, score: Float)]
}
