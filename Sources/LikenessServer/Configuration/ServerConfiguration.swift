import Foundation
import LikenessCore
import LikenessANN
import LikenessEngine

/// How `likeness serve` runs: where it listens, which folders it may touch, and who may use it.
///
/// Build one with ``validated(host:port:roots:tokenFile:catalogPath:trash:models:workers:)``, which
/// refuses an unsafe or impossible setup before anything listens.
public struct ServerConfiguration: Sendable {
    /// The address to bind. Default 127.0.0.1.
    public var host: String
    /// The TCP port. Default 8321; 0 lets the system choose.
    public var port: Int
    /// The folders whose images are indexed and served, resolved (no symlinks, no `..`).
    public var confinement: RootConfinement
    /// The bearer token every request must carry; nil only on a loopback address.
    public var token: AccessToken?
    /// The catalog database file.
    public var catalogPath: String
    /// Where the review page moves copies that are not kept (outside every root).
    public var trash: String
    /// Where ONNX Runtime and the models are.
    public var models: ModelLocator
    /// Threads for per-image work in jobs.
    public var workers: Int
    /// Largest upload accepted by search, in bytes. Default 50 MB.
    public var maxUpload: Int
    /// The index searches and dupes jobs use (`likeness serve --index`). Default exact.
    public var index: IndexChoice = .exact

    /// The default port.
    public static let defaultPort = 8321
    /// The default upload cap: 50 MB.
    public static let defaultMaxUpload = 50 * 1024 * 1024

    /// A configuration for tests and embedders that already hold the parts.
    public init(host: String = "127.0.0.1", port: Int = defaultPort, confinement: RootConfinement, token: AccessToken? = nil,
                catalogPath: String, trash: String, models: ModelLocator = .fromEnvironment(),
                workers: Int = ProcessInfo.processInfo.activeProcessorCount, maxUpload: Int = defaultMaxUpload) {
        self.host = host
        self.port = port
        self.confinement = confinement
        self.token = token
        self.catalogPath = catalogPath
        self.trash = trash
        self.models = models
        self.workers = max(1, workers)
        self.maxUpload = maxUpload
    }

    /// Checks the options of `likeness serve` and builds the configuration, or says what is wrong.
    ///
    /// Refused: no root, a root that is not a folder, a non-loopback `host` without a token (the
    /// server would hand every file under the roots to anyone who can reach the port), an
    /// unreadable or empty token file, and a trash folder inside a root.
    public static func validated(host: String, port: Int, roots: [String], tokenFile: String?, catalogPath: String,
                                 trash: String?, models: ModelLocator = .fromEnvironment(),
                                 workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ServerSetupError) -> ServerConfiguration {
        guard (0...65535).contains(port) else { throw .badPort(port) }
        let confinement = try RootConfinement(roots: roots)
        let token = try tokenFile.map { path throws(ServerSetupError) in try AccessToken(file: path) }
        if token == nil && !Self.isLoopback(host) { throw .tokenRequired(host: host) }
        let trash = trash ?? (CatalogLocation.localFolder(of: catalogPath) as NSString).appendingPathComponent("moved")
        let resolvedTrash = RootConfinement.resolvedPrefix(of: (trash as NSString).standardizingPath)
        if let root = confinement.roots.first(where: { $0.contains(resolvedTrash) || FolderScope(resolvedTrash).contains($0.path) }) {
            throw .trashInsideRoot(trash: trash, root: root.path)
        }
        return ServerConfiguration(host: host, port: port, confinement: confinement, token: token, catalogPath: catalogPath,
                                   trash: resolvedTrash, models: models, workers: workers)
    }

    /// True for addresses only this machine can reach: 127.0.0.0/8, ::1 and `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
