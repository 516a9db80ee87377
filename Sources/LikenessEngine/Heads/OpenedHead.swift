import LikenessLearning
import LikenessNumerics

/// A saved embedding head, read from the ``HeadStore`` and checked against its base model: what
/// turns the base model's vectors (stored in the catalog, or made for a query) into the head's.
public struct OpenedHead: Sendable {
    /// The head's name (`--model NAME`).
    public let name: String
    public let manifest: HeadManifest
    public let head: EmbeddingHead

    public init(name: String, manifest: HeadManifest, head: EmbeddingHead) {
        self.name = name
        self.manifest = manifest
        self.head = head
    }

    /// Width of the head's vectors.
    public var dimension: Int { head.network.outputWidth }

    /// Identifies the head's weights (their SHA-256, from the manifest the weights were checked against).
    public var fingerprint: String { manifest.weights.sha256 }

    /// The head's vector for each base vector, in order.
    ///
    /// - Throws: ``HeadError/wrongDimension(head:expected:given:)`` for a vector of another width than the head takes.
    public func apply(_ vectors: [[Float]]) throws(HeadError) -> [[Float]] {
        try Self.apply(head, named: name, to: vectors.map { Optional($0) }).map { $0! }
    }

    /// The head applied to every vector that is there (nil stays nil), `batch` rows at a time so a
    /// large catalog is never copied into one matrix.
    ///
    /// - Throws: ``HeadError/wrongDimension(head:expected:given:)`` for a vector of another width than the head takes.
    public static func apply(_ head: EmbeddingHead, named name: String, to vectors: [[Float]?], batch: Int = 4096) throws(HeadError) -> [[Float]?] {
        let present = vectors.indices.filter { vectors[$0] != nil }
        var out = [[Float]?](repeating: nil, count: vectors.count)
        for start in stride(from: 0, to: present.count, by: max(1, batch)) {
            let chunk = present[start..<min(start + max(1, batch), present.count)]
            var values: [Float] = []
            values.reserveCapacity(chunk.count * head.inputWidth)
            for i in chunk {
                guard vectors[i]!.count == head.inputWidth else { throw .wrongDimension(head: name, expected: head.inputWidth, given: vectors[i]!.count) }
                values += vectors[i]!
            }
            let embedded = head.embed(Matrix(rows: chunk.count, columns: head.inputWidth, values: values))
            for (row, i) in chunk.enumerated() { out[i] = embedded.row(row) }
        }
        return out
    }
}
