import Foundation
internal import GRDB
import LikenessCore
import Logging
import Synchronization

/// The embedded SQLite catalog: every scanned file, its fingerprint, content hash, size and failure.
///
/// Writes are batched in transactions, so an interrupted scan keeps every finished batch. The file
/// is a SQLite database in WAL mode. A writable catalog checkpoints its WAL into the main file when
/// it closes, so whenever no writer is at work the main file alone is complete: a copy of it on a
/// read-only medium reads correctly. How each ``Access`` opens the file is in `Catalog+Opening.swift`.
public final class Catalog: Sendable {
    /// Where the database lives.
    public let path: String
    /// How it was opened.
    public let access: Access
    private let store: Mutex<Store>
    /// A private copy of the file that a read-only open had to make (see `Catalog+Opening.swift`);
    /// removed when the catalog closes.
    private let snapshotFolder: String?

    /// The database that reads and writes go to.
    private struct Store {
        var database: any DatabaseWriter
        /// True once a ``Access/scratch`` catalog has made its private copy and writes go there.
        var divertsWrites = false
    }

    static let logger = Logger(label: "likeness.catalog")

    /// Opens the catalog at `path`.
    ///
    /// With ``Access/readWrite`` (the default) the file and its folder are created if needed and the
    /// schema brought up to date. A file that exists but is not SQLite is never overwritten:
    /// ``CatalogError/notADatabase(path:)``. See ``Access`` for the read-only modes.
    public init(path: String, access: Access = .readWrite, busyTimeout: TimeInterval = 5) throws(CatalogError) {
        self.path = path
        self.access = access
        try Self.checkHeader(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "likeness-catalog"
        switch access {
        case .readWrite:
            store = Mutex(Store(database: try Self.openWritable(path, configuration: configuration, busyTimeout: busyTimeout)))
            snapshotFolder = nil
        case .readOnly, .scratch:
            let opened = try Self.openReadOnly(path, configuration: configuration)
            store = Mutex(Store(database: opened.database))
            snapshotFolder = opened.snapshotFolder
        }
    }

    deinit {
        if access == .readWrite { Self.checkpoint(database) }
        if let snapshotFolder { try? FileManager.default.removeItem(atPath: snapshotFolder) }
    }

    /// True when this run's writes go to a private copy and will not be stored (a ``Access/scratch``
    /// catalog after its first write).
    public var holdsUnstoredChanges: Bool { store.withLock { $0.divertsWrites } }

    /// The database reads go to (and writes, for a writable catalog).
    var database: any DatabaseWriter { store.withLock { $0.database } }

    /// Runs a read, mapping SQLite errors to ``CatalogError``.
    func read<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do { return try database.read(body) } catch { throw .from(error, path: path) }
    }

    /// Runs a write transaction, mapping SQLite errors to ``CatalogError``. A ``Access/readOnly``
    /// catalog refuses with ``CatalogError/notWritable(path:)``; a ``Access/scratch`` one writes to
    /// its private copy, made at the first write.
    func write<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        let target = try writableDatabase()
        do { return try target.write(body) } catch { throw .from(error, path: path) }
    }

    private func writableDatabase() throws(CatalogError) -> any DatabaseWriter {
        switch access {
        case .readWrite:
            return database
        case .readOnly:
            throw .notWritable(path: path)
        case .scratch:
            let path = self.path
            return try store.withLock { (store: inout Store) throws(CatalogError) -> any DatabaseWriter in
                if !store.divertsWrites {
                    store.database = try Self.scratchCopy(of: store.database, path: path)
                    store.divertsWrites = true
                    Self.logger.warning("""
                        catalog \(path) cannot be written: what this run adds to it (scanned files, hashes, vectors) \
                        is used for this run only and not stored
                        """)
                }
                return store.database
            }
        }
    }
}
