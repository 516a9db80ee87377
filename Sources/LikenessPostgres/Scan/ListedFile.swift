import LikenessCore

/// A file a worker's listing found under a scan root, as it goes into the scan queue.
public struct ListedFile: Sendable, Hashable {
    /// The absolute path as `image` stores it (invalid UTF-8 bytes as `\xNN`).
    public var path: String
    /// False when the name is not valid UTF-8: the item is catalogued as such a failure, unread.
    public var hasValidName: Bool
    /// Size and modification time at listing.
    public var fingerprint: FileFingerprint

    public init(path: String, hasValidName: Bool, fingerprint: FileFingerprint) {
        self.path = path
        self.hasValidName = hasValidName
        self.fingerprint = fingerprint
    }
}
