import LikenessEngine
import LikenessCore
import LikenessLearning

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
        return .vectors(try OpenedHead.apply(head, named: name, to: features.vectors))
    }
}
