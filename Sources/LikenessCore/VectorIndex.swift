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
    /// Cosine similarity; vectors are L2-normalised when added.
    case cosine
    /// Inner product.
    case dot
    /// Euclidean distance.
    case l2

    /// True when a higher score means closer.
    public var higherIsCloser: Bool { self != .l2 }
}

/// A searchable set of equal-length float vectors.
public protocol VectorIndex: Sendable {
    var metric: VectorMetric { get }
    var dimension: Int { get }
    var count: Int { get }
    /// The `k` closest stored vectors for each query, closest first (ties by lower id).
    func search(_ queries: [[Float]], k: Int) -> [[Neighbor]]
    /// Every stored vector within `threshold` of each query (score ≥ threshold for similarities,
    /// ≤ for distances), closest first.
    func range(_ queries: [[Float]], threshold: Float) -> [[Neighbor]]
}
