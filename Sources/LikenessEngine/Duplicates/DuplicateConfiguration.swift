/// Settings for near-duplicate detection: embeddings propose, a second signal confirms.
///
/// A pair is a duplicate when its embeddings' cosine similarity is at least ``acceptCosine``, or
/// when it is at least ``candidateCosine`` and a second signal agrees: their pHashes lie within
/// ``hashRadius`` bits for any of the eight turns and flips of one image, or at least
/// ``minimumInliers`` local-feature matches agree on one scale, turn and shift. Only each image's
/// ``neighbours`` closest candidates are judged, which bounds the work and memory at
/// N × neighbours pairs however alike the images are.
///
/// The defaults come from `likeness bench dupes` (docs/benchmarks.md): the held-out grid search
/// on 45 real photos edited 24 ways plus 1,000 Fashion-MNIST garments as look-alike distractors
/// chose them on the even-numbered photos; on the odd-numbered ones they score F1 0.983. For
/// other domains, calibrate your own (`likeness calibrate`).
public struct DuplicateConfiguration: Sendable, Codable, Equatable {
    /// Cosine at or above which a pair is a duplicate without confirmation. Default 0.95.
    public var acceptCosine: Float
    /// Cosine at or above which a pair is a candidate for confirmation. Default 0.30.
    public var candidateCosine: Float
    /// Largest pHash Hamming distance (of 64 bits) that confirms a candidate. Default 6.
    public var hashRadius: Int
    /// How many of its closest candidates each image keeps. Default 32.
    public var neighbours: Int
    /// Fewest local-feature matches agreeing on one geometry (scale, turn, shift) that confirm a
    /// candidate the hash did not; 0 turns the check off.
    public var minimumInliers: Int

    public init(acceptCosine: Float = 0.95, candidateCosine: Float = 0.30, hashRadius: Int = 6, neighbours: Int = 32,
                minimumInliers: Int = 8) {
        self.acceptCosine = acceptCosine
        self.candidateCosine = min(candidateCosine, acceptCosine)
        self.hashRadius = hashRadius
        self.neighbours = max(1, neighbours)
        self.minimumInliers = max(0, minimumInliers)
    }

    /// Whether a pair with this cosine is a duplicate. The second signals are asked for only when
    /// needed: `hashDistance` (smallest pHash distance over turns and flips) when the cosine does
    /// not decide, `inliers` (local-feature matches in one geometry) when the hash does not either.
    public func accepts(cosine: Float, hashDistance: () -> Int?, inliers: () -> Int = { 0 }) -> Bool {
        if cosine >= acceptCosine { return true }
        guard cosine >= candidateCosine else { return false }
        if let distance = hashDistance(), distance <= hashRadius { return true }
        return minimumInliers > 0 && inliers() >= minimumInliers
    }
}
