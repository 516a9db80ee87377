import Foundation
import LikenessCatalog
import LikenessCore
import LikenessPostgres

/// What every job runs with: where the catalog and the models are, where progress goes, and the
/// token that stops it. A shell builds one per command (or per request).
public struct JobContext: Sendable {
    /// The catalog database file, or a shared catalog's `postgres://` URL.
    public var catalogPath: String
    /// Where ONNX Runtime and the models are.
    public var models: ModelLocator
    /// Receives progress of long phases.
    public var progress: any ProgressReporter
    /// Polled between items; cancel it to stop the job cleanly.
    public var cancellation: CancellationToken
    /// Threads for per-image work (reading, decoding, hashing). Default: every core.
    public var workers: Int
    /// Loaded search state a long-lived shell (the server) keeps between searches; nil, as in a
    /// command, loads it for each search. Default nil.
    public var searchSessions: SearchSessions?

    public init(catalogPath: String = CatalogLocation.resolve(), models: ModelLocator = .fromEnvironment(),
                progress: any ProgressReporter = SilentProgress(), cancellation: CancellationToken = CancellationToken(),
                workers: Int = ProcessInfo.processInfo.activeProcessorCount, searchSessions: SearchSessions? = nil) {
        self.catalogPath = catalogPath
        self.searchSessions = searchSessions
        self.models = models
        self.progress = progress
        self.cancellation = cancellation
        self.workers = max(1, workers)
    }

    /// Opens the catalog the way `use` needs: read-only for ``CatalogUse/reading``, writable for
    /// ``CatalogUse/writing``, and for ``CatalogUse/readingAndFilling`` writable when it can be
    /// written (or does not exist yet), else read-only with this run's additions kept in memory.
    /// A shared catalog's URL is refused with a message naming the commands that take one
    /// (``SharedCatalogCommands``).
    public func openCatalog(for use: CatalogUse) throws(JobError) -> Catalog {
        if PostgresAddress.isAddress(catalogPath) {
            throw .invalidInput("this command works on a SQLite catalog file; the shared catalog \(CatalogLocation.display(catalogPath)) "
                                + "serves \(SharedCatalogCommands.sentence)")
        }
        do {
            switch use {
            case .reading:
                return try Catalog(path: catalogPath, access: .readOnly)
            case .writing:
                return try Catalog(path: catalogPath, access: .readWrite)
            case .readingAndFilling:
                let readOnly = FileManager.default.fileExists(atPath: catalogPath) && !Catalog.isWritable(at: catalogPath)
                return try Catalog(path: catalogPath, access: readOnly ? .scratch : .readWrite)
            }
        } catch {
            throw .catalog(error)
        }
    }

    /// Opens the catalog as a ``CatalogStore``: a shared PostgreSQL catalog for a `postgres://` URL
    /// (created or upgraded as needed, whatever `use` says: a server is never a read-only file),
    /// else the SQLite file as ``openCatalog(for:)`` opens it.
    public func openStore(for use: CatalogUse) throws(JobError) -> any CatalogStore {
        guard PostgresAddress.isAddress(catalogPath) else { return try openCatalog(for: use) }
        return try openSharedCatalog()
    }

    /// Opens the shared PostgreSQL catalog that `worker` and `status` need; a file path is refused.
    public func openSharedCatalog() throws(JobError) -> PostgresCatalog {
        guard PostgresAddress.isAddress(catalogPath) else {
            throw .invalidInput("this command works on a shared catalog: give --catalog postgres://USER@HOST[:PORT]/DATABASE")
        }
        do { return try PostgresCatalog(url: catalogPath) } catch { throw .catalog(error) }
    }

    /// Scans `roots` into `catalog` first, as jobs given folders do; nil when there are none.
    /// A job that embeds every new image next passes ``PixelCheck/deferred``: its embedding pass is
    /// then the pixel check. Throws ``JobError/cancelled`` when the scan was interrupted.
    public func scanFirst(_ roots: [String], into catalog: any CatalogStore, pixels: PixelCheck = .standard) throws(JobError) -> ScanSummary? {
        guard !roots.isEmpty else { return nil }
        let scan: ScanSummary
        do {
            scan = try CatalogScanner(catalog: catalog, configuration: ScanConfiguration(workers: workers, pixelCheck: pixels))
                .scan(roots, progress: progress, shouldStop: { cancellation.isCancelled })
        } catch { throw .wrapping(error) }
        if scan.interrupted { throw .cancelled }
        return scan
    }

    /// Throws ``JobError/cancelled`` once the token is cancelled.
    public func checkCancellation() throws(JobError) {
        if cancellation.isCancelled { throw .cancelled }
    }
}

/// Where the catalog lives when no path is given.
public enum CatalogLocation {
    /// `explicit` if given, else `$LIKENESS_CATALOG`, else `$XDG_DATA_HOME/likeness/catalog.sqlite`
    /// (`~/.local/share/likeness/catalog.sqlite`).
    public static func resolve(_ explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit { return explicit }
        if let path = environment["LIKENESS_CATALOG"], !path.isEmpty { return path }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("likeness/catalog.sqlite")
    }

    /// The local folder for files a shell keeps beside the catalog (the server's trash and pair
    /// labels): the catalog file's folder, or for a shared catalog on a server the default data
    /// folder, `$XDG_DATA_HOME/likeness` (`~/.local/share/likeness`).
    public static func localFolder(of location: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard isShared(location) else { return (location as NSString).deletingLastPathComponent }
        return (resolve(nil, environment: environment.filter { $0.key != "LIKENESS_CATALOG" }) as NSString).deletingLastPathComponent
    }

    /// True for a shared catalog's `postgres://` URL, false for a file path.
    public static func isShared(_ location: String) -> Bool { PostgresAddress.isAddress(location) }

    /// `location` as messages show it: a file path as it is, a `postgres://` URL without its password.
    public static func display(_ location: String) -> String {
        guard PostgresAddress.isAddress(location) else { return location }
        return (try? PostgresAddress(parsing: location))?.description ?? PostgresAddress.redacted(location)
    }
}
