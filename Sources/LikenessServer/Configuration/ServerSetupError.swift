/// Why `likeness serve` refuses to start. Each message says what to do instead.
public enum ServerSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `--root` was given.
    case noRoots
    /// A root does not exist or is not a folder.
    case rootNotAFolder(String)
    /// A non-loopback address without `--token-file`.
    case tokenRequired(host: String)
    /// The token file cannot be read.
    case tokenFileUnreadable(path: String, message: String)
    /// The token file holds fewer than ``AccessToken/minimumLength`` characters.
    case tokenTooShort(path: String)
    /// The trash folder lies inside a root (or holds one): moved copies would be scanned again.
    case trashInsideRoot(trash: String, root: String)
    /// A port outside 0–65535.
    case badPort(Int)

    public var description: String {
        switch self {
        case .noRoots:
            "give at least one --root DIR: only images inside the roots are indexed and served"
        case .rootNotAFolder(let path):
            "--root \(path) is not a folder"
        case .tokenRequired(let host):
            "--host \(host) is reachable from other machines, so the server needs a bearer token: "
                + "write a long random secret to a file only you can read (for example `head -c 32 /dev/urandom | base64 > ~/.likeness-token; "
                + "chmod 600 ~/.likeness-token`) and pass --token-file ~/.likeness-token, or bind to 127.0.0.1"
        case .tokenFileUnreadable(let path, let message):
            "cannot read the token file \(path): \(message)"
        case .tokenTooShort(let path):
            "the token in \(path) is shorter than \(AccessToken.minimumLength) characters; use a long random secret"
        case .trashInsideRoot(let trash, let root):
            "the trash folder \(trash) lies inside the root \(root) (or contains it); choose --trash outside every root"
        case .badPort(let port):
            "--port \(port) is not a TCP port (0–65535)"
        }
    }
}
