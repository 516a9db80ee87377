/// A failure of the catalog as a whole (as opposed to one item in it).
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not a SQLite database; it is left untouched.
    case notADatabase(path: String)
    /// Another process holds the write lock longer than the busy timeout.
    case locked(path: String, message: String)
    /// The catalog was written by a newer Likeness with a schema this one does not know.
    case newerSchema(path: String, version: Int)
    /// Any other SQLite failure, with SQLite's result code and message.
    case sqlite(path: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path) is not a Likeness catalog (not a SQLite database); it was left untouched. Choose another file with --catalog."
        case .locked(let path, let message):
            "\(path) is locked by another process (\(message)). Wait for it to finish or use another --catalog."
        case .newerSchema(let path, let version):
            "\(path) has schema version \(version), newer than this Likeness understands."
        case .sqlite(let path, let code, let message):
            "\(path): SQLite error \(code): \(message)"
        }
    }
}
