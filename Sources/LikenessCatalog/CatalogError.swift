/// A failure of the catalog as a whole (as opposed to one item in it).
///
/// Each description names the catalog's path and says what to do, in words rather than SQLite codes.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not a SQLite database; it is left untouched.
    case notADatabase(path: String)
    /// Another process holds the write lock longer than the busy timeout.
    case locked(path: String, message: String)
    /// The catalog was written by a newer Likeness with a schema this one does not know.
    case newerSchema(path: String, version: Int)
    /// A read-only open found a catalog with an older schema, which only a writable open upgrades.
    case olderSchema(path: String, version: Int)
    /// A read-only open found no catalog at the path (no file, or a file nothing was ever stored in).
    case missing(path: String)
    /// The catalog, or the folder that holds or would hold it, cannot be written (read-only file,
    /// folder or medium, or a catalog opened read-only).
    case notWritable(path: String)
    /// The catalog file or its folder cannot be opened or read (permissions, a missing folder).
    case cannotOpen(path: String, reason: String)
    /// The disk holding the catalog is full; what was stored before is kept.
    case diskFull(path: String)
    /// Any other SQLite failure, with SQLite's result code and message.
    case sqlite(path: String, code: Int32, message: String)
    /// A `postgres://` catalog address that cannot be parsed, and why.
    case invalidAddress(String, reason: String)
    /// The PostgreSQL server at `location` cannot be reached or refused the connection (down, wrong
    /// port, unknown database, authentication).
    case unreachable(location: String, message: String)
    /// The server at `location` answered, but its TLS certificate was refused (``sslmode`` asks
    /// for it to be verified) or TLS could not be agreed.
    case untrusted(location: String, message: String)
    /// Any other PostgreSQL failure, with its SQLSTATE code and message.
    case server(location: String, code: String, message: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path) is not a Likeness catalog (not a SQLite database); it was left untouched. Choose another file with --catalog."
        case .locked(let path, let message):
            "\(path) is locked by another process (\(message)). Wait for it to finish or use another --catalog."
        case .newerSchema(let path, let version):
            "\(path) has schema version \(version), newer than this Likeness understands."
        case .olderSchema(let path, _):
            "catalog \(path) was written by an older Likeness; open it writable once to upgrade "
                + "(run any command that writes, such as `likeness scan DIR`, where the catalog can be written)."
        case .missing(let path):
            "no catalog at \(path): nothing has been scanned into it. Run `likeness scan DIR` first, or choose another with --catalog."
        case .notWritable(let path):
            "cannot write the catalog \(path) (read-only file or folder); use --catalog to choose a writable one, "
                + "or run a read-only command (search, dupes, leakage, novelty)."
        case .cannotOpen(let path, let reason):
            "cannot open the catalog \(path) (\(reason)); check that it and its folder can be read, or choose another with --catalog."
        case .diskFull(let path):
            "the disk holding the catalog \(path) is full; everything stored before is kept. Free some space and run the command again."
        case .sqlite(let path, let code, let message):
            "\(path): SQLite error \(code): \(message)"
        case .invalidAddress(let address, let reason):
            "\(address) is not a catalog address (\(reason)); write postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, or a file path."
        case .unreachable(let location, let message):
            "cannot reach the catalog server \(location) (\(message)); check that PostgreSQL runs there and accepts this user."
        case .untrusted(let location, let message):
            "the catalog server \(location) was not trusted over TLS (\(message)); check sslmode and sslrootcert in the URL."
        case .server(let location, let code, let message):
            "\(location): PostgreSQL error \(code): \(message)"
        }
    }
}
