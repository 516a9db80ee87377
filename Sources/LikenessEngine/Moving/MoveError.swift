/// Why one file could not be moved (or moved back). The file stays where it was.
public enum MoveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Something already has the target name; nothing is ever overwritten.
    case targetExists(String)
    /// The target file system is full; the partial copy was removed and the source is untouched.
    case noSpace(folder: String)
    /// The source is not the file the catalog knows any more (changed, replaced or gone).
    case sourceChanged(String)
    /// A copy across file systems did not read back the same (size or SHA-256); the source is untouched.
    case verificationFailed(from: String, to: String)
    /// A system call failed, with its message.
    case system(path: String, message: String)

    public var description: String {
        switch self {
        case .targetExists(let path): "\(path) already exists; nothing was overwritten"
        case .noSpace(let folder): "\(folder) is full (no space left on device); the file was left where it was"
        case .sourceChanged(let path): "\(path) changed or vanished since the last scan; it was not moved (run `likeness scan` again)"
        case .verificationFailed(let from, let to): "the copy of \(from) at \(to) did not read back the same; the original was kept"
        case .system(let path, let message): "\(path): \(message)"
        }
    }

    /// True when going on is pointless: every later move into the same folder would fail too.
    public var stopsTheRun: Bool { if case .noSpace = self { true } else { false } }
}
