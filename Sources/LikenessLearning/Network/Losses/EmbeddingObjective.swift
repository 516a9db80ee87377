/// What an embedding head is trained to do on a P × K batch: the triplet loss on mined triplets,
/// or the contrastive loss on mined pairs.
public enum EmbeddingObjective: String, Sendable, Codable, CaseIterable {
    /// Triplets mined with ``TripletTrainer/Configuration/mining``, ``TripletLoss`` on squared distances.
    case triplet
    /// Every same-class pair of the batch and as many of its nearest different-class pairs,
    /// ``ContrastiveLoss`` on distances (the margin is a distance, in [0, 2] for unit vectors).
    case contrastive
}
