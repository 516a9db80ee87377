/// Turns images into fixed-length float vectors (embeddings) that are compared by cosine similarity.
public protocol EmbeddingModel: Sendable {
    /// A stable name, e.g. "efficientnet-lite0".
    var id: String { get }
    /// Identifies the exact weights (the model file's SHA-256): stored vectors from other weights are stale.
    var fingerprint: String { get }
    /// Length of every vector.
    var dimension: Int { get }
    /// Images given to ``embed(_:)`` must have this size.
    var inputSize: (width: Int, height: Int) { get }
    /// One result per image, in order: an L2-normalised vector, or why this image has none.
    func embed(_ images: [PixelBuffer]) throws -> [Result<[Float], ItemFailure>]
}

extension Array where Element == Float {
    /// Cosine similarity in [-1, 1]; 0 when either vector is all zeros.
    public func cosineSimilarity(to other: [Float]) -> Float {
        precondition(count == other.count, "cosine needs vectors of equal length (\(count) vs \(other.count))")
        var dot: Float = 0, a: Float = 0, b: Float = 0
        for i in indices {
            dot += self[i] * other[i]
            a += self[i] * self[i]
            b += other[i] * other[i]
        }
        guard a > 0, b > 0 else { return 0 }
        return dot / (a.squareRoot() * b.squareRoot())
    }
}
