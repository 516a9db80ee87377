import LikenessCore

/// One queue of the shared catalog: a kind of work with the method it runs, such as embedding with
/// one model's weights. Items of different tasks never mix.
public struct WorkTask: Sendable, Hashable, Codable, CustomStringConvertible {
    public var kind: WorkKind
    /// The model id (for ``WorkKind/embed``), or the perceptual method's name (``WorkKind/hash``).
    public var method: String
    /// The version of the method whose output counts: the SHA-256 of the model's weights, or
    /// ``hashVersion``.
    public var version: String

    /// The version of every hashing task.
    public static let hashVersion = "1"

    /// Computing one perceptual method's value of each image. One method per task: a value made
    /// alone is the one `dupes --method` makes (several methods computed from one decode share a
    /// master image, which can move a bit or two).
    public static func hashing(_ method: PerceptualMethod) -> WorkTask {
        WorkTask(kind: .hash, method: method.name, version: hashVersion)
    }

    /// The perceptual method of a hashing task; nil for other kinds.
    public var perceptualMethod: PerceptualMethod? {
        kind == .hash ? try? PerceptualMethod(parsing: method) : nil
    }

    public init(kind: WorkKind, method: String, version: String) {
        self.kind = kind
        self.method = method
        self.version = version
    }

    public var description: String { "\(kind) \(method)" }
}
