import LikenessEngine

/// The base methods a head can be trained on, and the fingerprint that ties a head to its base.
enum HeadBase {
    /// Checks that `method` gives vectors a head can take: a model's embedding, pixels, the histogram, HOG, or
    /// several of these joined.
    static func check(_ method: EvalMethod) throws(JobError) {
        if case .hash = method { throw .invalidInput("a head is trained on vectors (a model id, pixels, histogram or hog), not on the bit hash \(method.name)") }
        if case .head = method { throw .invalidInput("a head cannot be trained on another head (\(method.name)); train it on that head's base") }
    }

    /// What identifies the base computation: the SHA-256 of a model's weights (the model is opened
    /// and its file checked), or a description of a fixed computation.
    static func fingerprint(of method: EvalMethod, models: ModelLocator) throws(JobError) -> String {
        switch method {
        case .embedding(let id): return try models.open(id).model.fingerprint
        case .pixels: return "grey-thumbnail-\(GreyThumbnail.side)x\(GreyThumbnail.side)-bt601"
        case .histogram: return "hsv-histogram-88"
        case .comparedHistogram: return "hsv-histogram-88-mass"
        case .hog(let hog): return "hog-\(hog.side)px-cell\(hog.cellSize)-bins\(hog.bins)-l2hys"
        case .joined(let parts): return try parts.map { part throws(JobError) in try fingerprint(of: part, models: models) }.joined(separator: "+")
        case .hash, .head: throw .invalidInput("\(method.name) is not a base for a head")
        case .bagOfWords: throw .invalidInput("\(method.name) is not a base for a head: its codebook is trained on each data set it describes")
        }
    }

    /// The base method a saved head or scorer was trained on, parsed against the known models and
    /// checked: the method still computes what it computed then (same model weights).
    ///
    /// - Throws: ``JobError/head(_:)`` with ``HeadError/wrongFingerprint(head:base:trainedOn:given:)``
    ///   when the base changed, or the parse and fingerprint errors.
    static func resolve(_ manifest: HeadManifest, named name: String, models: ModelLocator) throws(JobError) -> EvalMethod {
        let base: EvalMethod
        do { base = try EvalMethod(parsing: manifest.base.method, models: models.registry.all().manifests.map(\.id)) } catch {
            throw .invalidInput("head \(name): \(error.description)")
        }
        try check(base)
        let fingerprint = try fingerprint(of: base, models: models)
        guard fingerprint == manifest.base.fingerprint else {
            throw .head(.wrongFingerprint(head: name, base: base.name, trainedOn: manifest.base.fingerprint, given: fingerprint))
        }
        return base
    }
}
