import LikenessNumerics

/// A learned pair scorer: both images' base features standardised and mapped by one shared tower
/// network, the two embeddings fused into cosine, Euclidean distance and dot product
/// (``PairFusion``), and those three weighed by a small dense network ending in a sigmoid: the
/// probability that the two images are alike.
public struct SiameseScorer: Sendable, Equatable {
    public var standardizer: Standardizer
    /// Applied to each image of a pair (shared weights).
    public var tower: Network
    /// From the 3 fused features to one probability.
    public var fusion: Network

    public init(standardizer: Standardizer, tower: Network, fusion: Network) throws(NetworkError) {
        guard standardizer.mean.count == tower.inputWidth else { throw .mismatch(layer: 0, description: "standardizer", input: standardizer.mean.count) }
        guard fusion.inputWidth == PairFusion.width else { throw .mismatch(layer: 0, description: "fusion", input: fusion.inputWidth) }
        guard fusion.outputWidth == 1 else { throw .mismatch(layer: fusion.layers.count - 1, description: "fusion output", input: fusion.outputWidth) }
        self.standardizer = standardizer
        self.tower = tower
        self.fusion = fusion
    }

    /// Width of the base features it takes.
    public var inputWidth: Int { tower.inputWidth }

    /// The probability that row i of `first` and row i of `second` are alike, for every i.
    public func probabilities(_ first: Matrix, _ second: Matrix) -> [Float] {
        precondition(first.rows == second.rows, "pairs of rows")
        let a = tower(standardizer.apply(rows: first)), b = tower(standardizer.apply(rows: second))
        return fusion(PairFusion.forward(a, b)).values
    }

    /// The tower and fusion parameters as one vector (tower first), as saved.
    public var parameters: [Float] { tower.parameters + fusion.parameters }
}
