/// A head that cannot be saved, found, read or applied.
public enum HeadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name is not usable as a file name, or is taken by a built-in method or a model.
    case invalidName(String, reason: String)
    /// A head of this name exists; a manifest is never overwritten.
    case exists(name: String, path: String)
    /// No head of this name; the known ones listed.
    case notFound(name: String, known: [String])
    /// The manifest or weights cannot be read or parsed.
    case unreadable(path: String, message: String)
    /// The head's files cannot be written.
    case unwritable(path: String, message: String)
    /// The weights file does not match the manifest's checksum.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// The head was trained on another base method than the one it is applied to.
    case wrongBase(head: String, trainedOn: String, given: String)
    /// The base model changed since training (another SHA-256).
    case wrongFingerprint(head: String, base: String, trainedOn: String, given: String)
    /// Base features of another dimension than the head takes.
    case wrongDimension(head: String, expected: Int, given: Int)
    /// The manifest is from a newer Likeness.
    case unsupportedFormat(path: String, format: Int)
    /// The head is of another kind than the use needs (a pair scorer where an embedding is needed, or the reverse).
    case wrongKind(head: String, kind: HeadManifest.Kind, needed: HeadManifest.Kind)
    /// The head's base is not a model (pixels, a histogram, HOG), so it cannot stand in for a model
    /// over the catalog's stored embeddings.
    case baseNotAModel(head: String, base: String, models: [String])

    public var description: String {
        switch self {
        case .invalidName(let name, let reason): "cannot name a head '\(name)': \(reason)"
        case .exists(let name, let path): "a head named \(name) exists (\(path)); heads are never overwritten: choose another --save name or remove it"
        case .notFound(let name, let known):
            "no head named \(name)" + (known.isEmpty ? " (none trained yet; see likeness train triplet --help)" : "; known: \(known.joined(separator: ", "))")
        case .unreadable(let path, let message): "cannot read \(path): \(message)"
        case .unwritable(let path, let message): "cannot write \(path): \(message)"
        case .checksumMismatch(let path, let expected, let actual): "\(path) has SHA-256 \(actual), its manifest says \(expected)"
        case .wrongBase(let head, let trainedOn, let given): "head \(head) was trained on \(trainedOn) features, not \(given)"
        case .wrongFingerprint(let head, let base, let trainedOn, let given):
            "head \(head) was trained on \(base) with SHA-256 \(trainedOn.prefix(16))…, the model now has \(given.prefix(16))…; retrain it"
        case .wrongDimension(let head, let expected, let given): "head \(head) takes \(expected)-d base features, given \(given)-d"
        case .unsupportedFormat(let path, let format): "\(path) has head format \(format); this Likeness reads \(HeadManifest.currentFormat)"
        case .wrongKind(let head, let kind, let needed):
            "head \(head) is a\(kind == .embedding ? "n" : "") \(kind.rawValue), not a\(needed == .embedding ? "n" : "") \(needed.rawValue)"
                + (needed == .scorer ? " (train one with likeness train siamese)" : " (use it with --scorer)")
        case .baseNotAModel(let head, let base, let models):
            "head \(head) was trained on \(base), which is not a model"
                + (models.isEmpty ? "" : " (models: \(models.joined(separator: ", ")))") + "; only a head on a model's embeddings works on catalogued images"
        }
    }
}
