/// One queue of the shared catalog: a kind of work with the method it runs, such as embedding with
/// one model's weights. Items of different tasks never mix.
public struct WorkTask: Sendable, Hashable, Codable, CustomStringConvertible {
    public var kind: WorkKind
    /// The model id (for ``WorkKind/embed``).
    public var method: String
    /// The version of the method whose output counts: the SHA-256 of the model's weights.
    public var version: String

    public init(kind: WorkKind, method: String, version: String) {
        self.kind = kind
        self.method = method
        self.version = version
    }

    public var description: String { "\(kind) \(method)" }
}
