import LikenessNumerics

/// A loss over a batch and its gradient with respect to the batch's rows.
public struct LossGradient: Sendable {
    /// The mean loss over the batch's terms (triplets, pairs or rows).
    public var value: Double
    /// ∂value/∂row for every row of the batch (zero for rows no term used).
    public var gradient: Matrix
    /// Terms that contributed a non-zero loss.
    public var activeTerms: Int
}
