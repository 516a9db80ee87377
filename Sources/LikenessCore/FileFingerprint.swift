/// Size and modification time of a file: what a re-scan compares before it reads any content.
public struct FileFingerprint: Hashable, Sendable, Codable {
    /// Size in bytes.
    public var size: Int64
    /// Modification time in nanoseconds since the Unix epoch.
    public var modifiedNanoseconds: Int64

    public init(size: Int64, modifiedNanoseconds: Int64) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
    }
}
