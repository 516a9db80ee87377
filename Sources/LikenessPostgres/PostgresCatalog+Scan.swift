import Foundation
import LikenessCatalog
import LikenessCore
import PostgresNIO

extension PostgresCatalog {
    public func storedStates(under roots: [String]) throws(CatalogError) -> [String: StoredState] {
        var states: [String: StoredState] = [:]
        for root in roots.map(FolderScope.init) {
            let rows = try session.run("""
                SELECT path, size, mtime_ns, gone FROM image
                WHERE path = \(root.path) OR (path >= \(root.childPrefix) AND path < \(root.childUpperBound))
                """)
            do {
                for row in rows {
                    let (path, size, mtime, gone) = try row.decode((String, Int64?, Int64?, Bool).self)
                    let fingerprint = size.flatMap { size in mtime.map { FileFingerprint(size: size, modifiedNanoseconds: $0) } }
                    states[path] = StoredState(fingerprint: fingerprint, isGone: gone)
                }
            } catch {
                throw PostgresFailure.running(error, location: location)
            }
        }
        return states
    }

    public func record(_ entries: [CatalogEntry]) throws(CatalogError) {
        guard !entries.isEmpty else { return }
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) in try Self.record(entries, with: sql) }
    }

    /// Inserts or replaces the entries inside a transaction the caller holds (``record(_:)``, or a
    /// scan worker's completion that marks its items done in the same transaction).
    static func record(_ entries: [CatalogEntry], with sql: PostgresStatements) throws(CatalogError) {
        let now = Date().timeIntervalSince1970
        for entry in entries {
            // Hashes, vectors, signals and queued work made from the old content of a re-read file no longer hold.
            for table in ["image_hash", "image_feature", "image_embedding", "image_signal", "work_item"] {
                try sql.run(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE image_id = (SELECT id FROM image WHERE path = $1)",
                                          binds: Self.binds(entry.path)))
            }
            try sql.run("""
                INSERT INTO image (path, size, mtime_ns, sha256, width, height, format, failure_kind, failure_message, scanned_at, gone)
                VALUES (\(entry.path), \(entry.fingerprint?.size), \(entry.fingerprint?.modifiedNanoseconds), \(entry.contentHash?.hex),
                        \(entry.info?.width), \(entry.info?.height), \(entry.info?.format.rawValue), \(entry.failure?.kind.rawValue),
                        \(entry.failure?.message), \(now), false)
                ON CONFLICT (path) DO UPDATE SET
                    size = excluded.size, mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256,
                    width = excluded.width, height = excluded.height, format = excluded.format,
                    failure_kind = excluded.failure_kind, failure_message = excluded.failure_message,
                    scanned_at = excluded.scanned_at, gone = false
                """)
        }
    }

    public func markGone(_ paths: [String]) throws(CatalogError) {
        guard !paths.isEmpty else { return }
        try session.run("UPDATE image SET gone = true WHERE path = ANY(\(paths))")
    }
}
