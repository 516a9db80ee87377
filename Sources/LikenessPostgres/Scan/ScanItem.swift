import LikenessCore

/// One path a worker has leased from the scan queue, until its lease expires.
public struct ScanItem: Sendable, Hashable {
    public var path: String
    /// False when the name is not valid UTF-8.
    public var hasValidName: Bool
    /// Size and modification time when it was listed.
    public var listed: FileFingerprint?
    /// Size and modification time of the present row `image` holds for the path, if any: a file
    /// that still has them is unchanged and is not read again.
    public var catalogued: FileFingerprint?

    public init(path: String, hasValidName: Bool, listed: FileFingerprint?, catalogued: FileFingerprint?) {
        self.path = path
        self.hasValidName = hasValidName
        self.listed = listed
        self.catalogued = catalogued
    }
}
