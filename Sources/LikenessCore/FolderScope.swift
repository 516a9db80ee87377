/// A folder and everything below it, compared by path text (no file-system access).
public struct FolderScope: Hashable, Sendable {
    /// The folder's absolute path, without a trailing slash (except for "/").
    public let path: String

    public init(_ path: String) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.path = trimmed
    }

    /// The prefix every path strictly below the folder starts with.
    public var childPrefix: String { path == "/" ? "/" : path + "/" }

    /// The smallest string above every string that starts with ``childPrefix``, in byte-wise order
    /// (SQLite's, and PostgreSQL's `COLLATE "C"`): the trailing "/" (0x2F) becomes "0" (0x30). Lets a
    /// unique index on paths serve folder queries as a range.
    public var childUpperBound: String { String(childPrefix.dropLast()) + "0" }

    /// True for the folder itself and for every path below it; false for siblings that merely share a prefix.
    public func contains(_ other: String) -> Bool {
        other == path || other.hasPrefix(childPrefix)
    }
}
