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
        for batch in PostgresRowBatches.batches(of: entries, key: \.path) {
            let paths = batch.map(\.path)
            var pathBinds = PostgresBindings()
            pathBinds.append(paths)
            // Hashes, vectors, signals and queued work made from the old content of a re-read file no longer hold.
            for table in ["image_hash", "image_feature", "image_embedding", "image_signal", "work_item"] {
                try sql.run(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE image_id IN (SELECT id FROM image WHERE path = ANY($1))",
                                          binds: pathBinds))
            }
            // Arrays cannot hold NULL here, so each optional part travels with a flag saying whether it is there.
            try sql.run("""
                INSERT INTO image (path, size, mtime_ns, sha256, width, height, format, failure_kind, failure_message, scanned_at, gone)
                SELECT v.path, CASE WHEN v.has_file THEN v.size END, CASE WHEN v.has_file THEN v.mtime END,
                       CASE WHEN v.has_hash THEN v.sha256 END,
                       CASE WHEN v.has_info THEN v.width END, CASE WHEN v.has_info THEN v.height END, CASE WHEN v.has_info THEN v.format END,
                       CASE WHEN v.has_failure THEN v.failure_kind END, CASE WHEN v.has_failure THEN v.failure_message END,
                       \(now), false
                FROM unnest(\(paths),
                            \(batch.map { $0.fingerprint != nil }), \(batch.map { $0.fingerprint?.size ?? 0 }), \(batch.map { $0.fingerprint?.modifiedNanoseconds ?? 0 }),
                            \(batch.map { $0.contentHash != nil }), \(batch.map { $0.contentHash?.hex ?? "" }),
                            \(batch.map { $0.info != nil }), \(batch.map { $0.info?.width ?? 0 }), \(batch.map { $0.info?.height ?? 0 }),
                            \(batch.map { $0.info?.format.rawValue ?? "" }),
                            \(batch.map { $0.failure != nil }), \(batch.map { $0.failure?.kind.rawValue ?? "" }), \(batch.map { $0.failure?.message ?? "" }))
                    AS v(path, has_file, size, mtime, has_hash, sha256, has_info, width, height, format, has_failure, failure_kind, failure_message)
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
