import Foundation
internal import GRDB

/// How each ``Catalog/Access`` opens the file.
///
/// A catalog is a WAL-mode SQLite database. SQLite (3.22 and later) opens a WAL database read-only
/// only if its `-wal` and `-shm` companions exist or can be created, or if the file is opened as
/// immutable (https://www.sqlite.org/wal.html, "Read-Only Databases"). In a folder it cannot write
/// (a read-only folder or medium) the first plain read-only open therefore fails with
/// SQLITE_CANTOPEN. `immutable=1` then works, but it reads the main file only and ignores the `-wal`:
/// committed transactions that were never checkpointed would be silently missing. So:
///
/// 1. a plain read-only open (SQLITE_OPEN_READONLY) is tried first; it sees the `-wal` and the
///    locks of any writer;
/// 2. if SQLite cannot create the companions and there is no `-wal` with content (the main file is
///    complete, as a writable catalog leaves it when it closes), the file is opened immutable;
/// 3. otherwise the file and its `-wal` are copied to a private temporary folder and opened there,
///    where SQLite can read the `-wal`; the copy is removed when the catalog closes.
extension Catalog {
    /// True when a writable open of `path` can succeed: the file (if it exists) and its folder can
    /// be written, or, for a new catalog, the nearest existing folder above it can. Checked as access(2)
    /// does, which also reports a read-only mount (and lets root write where it may).
    public static func isWritable(at path: String) -> Bool {
        let folder = folder(of: path)
        if FileManager.default.fileExists(atPath: path) {
            return FileManager.default.isWritableFile(atPath: path) && FileManager.default.isWritableFile(atPath: folder)
        }
        var existing = folder
        while !FileManager.default.fileExists(atPath: existing) {
            let parent = (existing as NSString).deletingLastPathComponent
            if parent.isEmpty || parent == existing { break }
            existing = parent
        }
        return FileManager.default.isWritableFile(atPath: existing)
    }

    /// Opens (creating if needed) a writable pool and brings the schema up to date.
    static func openWritable(_ path: String, configuration: Configuration, busyTimeout: TimeInterval) throws(CatalogError) -> DatabasePool {
        guard isWritable(at: path) else { throw .notWritable(path: path) }
        // Switching a new file to WAL and migrating can meet SQLITE_BUSY at once, without the busy
        // handler, when another process opens the same catalog at that moment: retry until the timeout.
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try openPool(path, configuration)
            } catch {
                guard case .locked = error, Date() < deadline else { throw error }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    private static func openPool(_ path: String, _ configuration: Configuration) throws(CatalogError) -> DatabasePool {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try CatalogSchema.migrate(pool, path: path)
            return pool
        } catch {
            throw .from(error, path: path)
        }
    }

    /// Opens the file without writing to it, as described above; `snapshotFolder` is the private
    /// copy to remove on close, if one was needed.
    static func openReadOnly(_ path: String, configuration: Configuration) throws(CatalogError) -> (database: DatabaseQueue, snapshotFolder: String?) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .missing(path: path) }
        if isFolder.boolValue { throw .cannotOpen(path: path, reason: "it is a folder") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw .cannotOpen(path: path, reason: "permission denied") }
        var configuration = configuration
        configuration.readonly = true
        let plainFailure: any Error
        do {
            return (try checked(DatabaseQueue(path: path, configuration: configuration), path: path), nil)
        } catch let error as CatalogError {
            throw error
        } catch {
            plainFailure = error
        }
        guard let error = plainFailure as? DatabaseError, [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) else {
            throw .from(plainFailure, path: path)
        }
        do {
            if !walHasContent(path) {
                return (try checked(DatabaseQueue(path: immutableURI(path), configuration: configuration), path: path), nil)
            }
            let snapshot = try snapshotCopy(of: path)
            do {
                return (try checked(DatabaseQueue(path: snapshot.file, configuration: configuration), path: path), snapshot.folder)
            } catch {
                try? FileManager.default.removeItem(atPath: snapshot.folder)
                throw error
            }
        } catch {
            throw .from(error, path: path)
        }
    }

    /// `database` once its schema is known to be this build's; a read-only open cannot upgrade it.
    private static func checked(_ database: DatabaseQueue, path: String) throws -> DatabaseQueue {
        let version = try database.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if version == 0 { throw CatalogError.missing(path: path) }
        if version > CatalogSchema.version { throw CatalogError.newerSchema(path: path, version: version) }
        if version < CatalogSchema.version { throw CatalogError.olderSchema(path: path, version: version) }
        return database
    }

    /// True when `path`-wal exists and is not empty: it may hold transactions the main file lacks.
    private static func walHasContent(_ path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber
        return (size?.intValue ?? 0) > 0
    }

    /// A SQLite URI that opens `path` as immutable: no locks, no `-wal` or `-shm`
    /// (https://www.sqlite.org/uri.html). Bytes other than unreserved ones and "/" are %-escaped.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let plain = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-._~".utf8)
        let escaped = absolute.utf8.map { plain.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
        return "file:\(escaped)?immutable=1"
    }

    /// Copies the catalog and its `-wal` into a new private temporary folder.
    private static func snapshotCopy(of path: String) throws -> (folder: String, file: String) {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("likeness-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = (folder as NSString).appendingPathComponent("catalog.sqlite")
        do {
            try FileManager.default.copyItem(atPath: path, toPath: file)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: file + "-wal")
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        return (folder, file)
    }

    /// The private temporary database a ``Access/scratch`` catalog writes to: a copy of `source`.
    /// SQLite keeps it in memory, spilling to a temporary file when large, and deletes it on close.
    static func scratchCopy(of source: any DatabaseWriter, path: String) throws(CatalogError) -> DatabaseQueue {
        do {
            var configuration = Configuration()
            configuration.label = "likeness-catalog-scratch"
            let copy = try DatabaseQueue(path: "", configuration: configuration)
            try source.backup(to: copy)
            return copy
        } catch {
            throw .from(error, path: path)
        }
    }

    /// Copies every committed transaction from the WAL into the main file and empties the WAL, so
    /// the main file alone is complete. Best effort and without waiting: a checkpoint that another
    /// process's reader blocks is left to that process's own close.
    static func checkpoint(_ database: any DatabaseWriter) {
        try? database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// Refuses a file that exists, is not empty and does not start with SQLite's header.
    static func checkHeader(_ path: String) throws(CatalogError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        if header != Data("SQLite format 3\0".utf8) { throw CatalogError.notADatabase(path: path) }
    }

    private static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
