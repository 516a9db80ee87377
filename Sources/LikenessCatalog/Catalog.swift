import Foundation
internal import GRDB
import LikenessCore

/// The embedded SQLite catalog: every scanned file, its fingerprint, content hash, size and failure.
///
/// Writes are batched in transactions, so an interrupted scan keeps every finished batch.
public final class Catalog: Sendable {
    /// Where the database lives.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the catalog at `path` and brings its schema up to date.
    ///
    /// A file that exists but is not SQLite is never overwritten: ``CatalogError/notADatabase(path:)``.
    public init(path: String, busyTimeout: TimeInterval = 5) throws(CatalogError) {
        self.path = path
        try Self.checkHeader(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "likeness-catalog"
        // Switching a new file to WAL and migrating can meet SQLITE_BUSY at once, without the busy
        // handler, when another process opens the same catalog at that moment: retry until the timeout.
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                pool = try Self.open(path, configuration)
                return
            } catch {
                guard case .locked = error, Date() < deadline else { throw error }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    private static func open(_ path: String, _ configuration: Configuration) throws(CatalogError) -> DatabasePool {
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try CatalogSchema.migrate(pool, path: path)
            return pool
        } catch {
            throw Self.map(error, path: path)
        }
    }

    /// Runs a read, mapping SQLite errors to ``CatalogError``.
    func read<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do { return try pool.read(body) } catch { throw Self.map(error, path: path) }
    }

    /// Runs a write transaction, mapping SQLite errors to ``CatalogError``.
    func write<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do { return try pool.write(body) } catch { throw Self.map(error, path: path) }
    }

    private static func checkHeader(_ path: String) throws(CatalogError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        if header != Data("SQLite format 3\0".utf8) { throw CatalogError.notADatabase(path: path) }
    }

    static func map(_ error: any Error, path: String) -> CatalogError {
        if let error = error as? CatalogError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notADatabase(path: path)
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path, message: error.message ?? "database is locked")
            default: return .sqlite(path: path, code: error.extendedResultCode.rawValue, message: error.message ?? "\(error)")
            }
        }
        return .sqlite(path: path, code: -1, message: "\(error)")
    }
}
