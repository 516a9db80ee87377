import LikenessCore

/// A base model with an embedding head on top, as one ``EmbeddingModel``: images are embedded by
/// the base, and its vectors mapped by the head. What a query image outside the catalog, `compare`
/// and calibration pairs are embedded with when `--model` names a head.
public struct HeadedEmbeddingModel: EmbeddingModel {
    public let base: any EmbeddingModel
    public let head: OpenedHead

    public init(base: any EmbeddingModel, head: OpenedHead) {
        self.base = base
        self.head = head
    }

    /// The head's name.
    public var id: String { head.name }
    /// The head's weights; the base's own fingerprint was checked when the head was opened.
    public var fingerprint: String { head.fingerprint }
    public var dimension: Int { head.dimension }
    public var inputSize: (width: Int, height: Int) { base.inputSize }

    /// The base's result for each image, its vector mapped by the head; an image the base failed
    /// keeps its failure.
    public func embed(_ images: [PixelBuffer]) throws -> [Result<[Float], ItemFailure>] {
        var results = try base.embed(images)
        let mapped = try OpenedHead.apply(head.head, named: head.name, to: results.map { try? $0.get() })
        for i in results.indices { if let vector = mapped[i] { results[i] = .success(vector) } }
        return results
    }
}
