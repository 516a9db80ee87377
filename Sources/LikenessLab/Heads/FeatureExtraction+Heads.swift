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
        let base = try HeadBase.resolve(manifest, named: name, models: configuration.models)
        let features = try known[base] ?? compute(base, of: data, progress: progress, cancellation: cancellation)
        return .vectors(try OpenedHead.apply(head, named: name, to: features.vectors))
    }
}
