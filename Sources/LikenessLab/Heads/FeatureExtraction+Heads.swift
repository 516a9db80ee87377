import LikenessEngine
import LikenessCore
import LikenessLearning
import LikenessNumerics

extension FeatureExtraction {
    /// A trained head's embedding of every image: its base method's features (reused from `known`
    /// when there), checked against the head's base, then mapped by the head. Images without a base
    /// feature stay without one.
    ///
    /// - Throws: ``HeadError`` when the head is missing or damaged, or was trained on another base
    ///   (method, model checksum or dimension).
    func headFeatures(_ name: String, of data: EvalDataset, progress: any ProgressReporter, cancellation: CancellationToken,
                      known: [EvalMethod: RetrievalEvaluation.Features]) throws -> RetrievalEvaluation.Features {
        let (manifest, head) = try HeadStore(modelsDirectory: configuration.models.modelsDirectory).load(name)
        let models = configuration.models.registry.all().manifests.map(\.id)
        let base = try EvalMethod(parsing: manifest.base.method, models: models)
        try HeadBase.check(base)
        let fingerprint = try HeadBase.fingerprint(of: base, models: configuration.models)
        guard fingerprint == manifest.base.fingerprint else {
            throw HeadError.wrongFingerprint(head: name, base: base.name, trainedOn: manifest.base.fingerprint, given: fingerprint)
        }
        let features = try known[base] ?? compute(base, of: data, progress: progress, cancellation: cancellation)
        return .vectors(try Self.apply(head, named: name, to: features.vectors))
    }

    /// The head applied to every vector that is there (nil stays nil); a vector of another width
    /// than the head takes is a ``HeadError/wrongDimension(head:expected:given:)``.
    static func apply(_ head: EmbeddingHead, named name: String, to vectors: [[Float]?]) throws(HeadError) -> [[Float]?] {
        let present = vectors.indices.filter { vectors[$0] != nil }
        guard !present.isEmpty else { return vectors }
        var values: [Float] = []
        values.reserveCapacity(present.count * head.inputWidth)
        for i in present {
            guard vectors[i]!.count == head.inputWidth else { throw .wrongDimension(head: name, expected: head.inputWidth, given: vectors[i]!.count) }
            values += vectors[i]!
        }
        let embedded = head.embed(Matrix(rows: present.count, columns: head.inputWidth, values: values))
        var out = [[Float]?](repeating: nil, count: vectors.count)
        for (row, i) in present.enumerated() { out[i] = embedded.row(row) }
        return out
    }
}
