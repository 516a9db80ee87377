/// Settings for near-duplicate detection by embeddings confirmed with a perceptual hash.
///
/// A pair is a duplicate when its embeddings' cosine similarity is at least ``acceptCosine``, or
/// when it is at least ``candidateCosine`` and the second signal agrees: their pHashes lie within
/// ``hashRadius`` bits, for any of the eight turns and flips of one image.
public struct DuplicateConfiguration: Sendable, Codable, Equatable {
    /// Cosine at or above which a pair is a duplicate without confirmation. Default 0.95.
    public var acceptCosine: Float
    /// Cosine at or above which a pair is a candidate for confirmation. Default 0.85.
    public var candidateCosine: Float
    /// Largest pHash Hamming distance (of 64 bits) that confirms a candidate. Default 14.
    public var hashRadius: Int

    public init(acceptCosine: Float = 0.95, candidateCosine: Float = 0.85, hashRadius: Int = 14) {
        self.acceptCosine = acceptCosine
        self.candidateCosine = min(candidateCosine, acceptCosine)
        self.hashRadius = hashRadius
    }
}
