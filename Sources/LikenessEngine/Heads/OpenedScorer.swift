import LikenessLearning
import LikenessNumerics

/// A saved pair scorer (`train siamese`), read from the ``HeadStore`` and checked against its base
/// model, with that model opened: what scores a pair of images by the probability that they are alike.
public struct OpenedScorer: Sendable {
    /// The scorer's name (`--scorer NAME`, `--method scorer:NAME`).
    public let name: String
    public let manifest: HeadManifest
    public let scorer: SiameseScorer
    /// The model whose vectors the scorer takes.
    public let base: OpenedModel

    public init(name: String, manifest: HeadManifest, scorer: SiameseScorer, base: OpenedModel) {
        self.name = name
        self.manifest = manifest
        self.scorer = scorer
        self.base = base
    }

    /// Identifies the scorer's weights.
    public var fingerprint: String { manifest.weights.sha256 }

    /// The probability that each pair of base vectors shows alike images, in order.
    ///
    /// - Throws: ``HeadError/wrongDimension(head:expected:given:)`` for a vector of another width than the scorer takes.
    public func probabilities(_ pairs: [(first: [Float], second: [Float])]) throws(HeadError) -> [Float] {
        guard !pairs.isEmpty else { return [] }
        let width = scorer.inputWidth
        var first: [Float] = [], second: [Float] = []
        first.reserveCapacity(pairs.count * width)
        second.reserveCapacity(pairs.count * width)
        for pair in pairs {
            for vector in [pair.first, pair.second] where vector.count != width {
                throw .wrongDimension(head: name, expected: width, given: vector.count)
            }
            first += pair.first
            second += pair.second
        }
        return scorer.probabilities(Matrix(rows: pairs.count, columns: width, values: first), Matrix(rows: pairs.count, columns: width, values: second))
    }
}
