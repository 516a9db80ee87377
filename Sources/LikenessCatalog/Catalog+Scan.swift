import Foundation
internal import GRDB
import LikenessCore

extension Catalog {
    /// Stored fingerprints of every path at or below the given absolute folders.
    public func storedStates(under roots: [String]) throws(CatalogError) -> [String: StoredState] {
        try read { db in
            var states: [String: StoredState] = [:]
            for root in roots.map(FolderScope.init) {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT path, size, mtime_ns, gone FROM image
                    WHERE path = ? OR (path >= ? AND path < ?)
                    """, arguments: [root.path, root.childPrefix, root.childUpperBound])
                while let row = try rows.next() {
                    let size: Int64? = row["size"], mtime: Int64? = row["mtime_ns"]
                    let fingerprint = size.flatMap { size in mtime.map { FileFingerprint(size: size, modifiedNanoseconds: $0) } }
                    states[row["path"]] = StoredState(fingerprint: fingerprint, isGone: row["gone"])
                }
            }
            return states
        }
    }

    /// Inserts or replaces the given entries in one transaction and marks them present.
    public func record(_ entries: [CatalogEntry]) throws(CatalogError) {
        guard !entries.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO image (path, size, mtime_ns, sha256, width, height, format, failure_kind, failure_message, scanned_at, gone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                ON CONFLICT(path) DO UPDATE SET
                    size = excluded.size, mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256,
                    width = excluded.width, height = excluded.height, format = excluded.format,
                    failure_kind = excluded.failure_kind, failure_message = excluded.failure_message,
                    scanned_at = excluded.scanned_at, gone = 0
                """)
            // Features computed from the old content of a re-read file no longer hold.
            let forgetHashes = try db.cachedStatement(sql: "DELETE FROM image_hash WHERE image_id = (SELECT id FROM image WHERE path = ?)")
            let forgetFeatures = try db.cachedStatement(sql: "DELETE FROM image_feature WHERE image_id = (SELECT id FROM image WHERE path = ?)")
            let forgetEmbeddings = try db.cachedStatement(sql: "DELETE FROM image_embedding WHERE image_id = (SELECT id FROM image WHERE path = ?)")
            let forgetSignals = try db.cachedStatement(sql: "DELETE FROM image_signal WHERE image_id = (SELECT id FROM image WHERE path = ?)")
            for entry in entries {
                try forgetHashes.execute(arguments: [entry.path])
                try forgetFeatures.execute(arguments: [entry.path])
                try forgetEmbeddings.execute(arguments: [entry.path])
                try forgetSignals.execute(arguments: [entry.path])
                try statement.execute(arguments: [
                    entry.path, entry.fingerprint?.size, entry.fingerprint?.modifiedNanoseconds,
                    entry.contentHash?.hex, entry.info?.width, entry.info?.height, entry.info?.format.rawValue,
                    entry.failure?.kind.rawValue, entry.failure?.message, now,
                ])
            }
        }
    }

    /// Marks paths as no longer on disk; their rows stay so history is not lost.
    public func markGone(_ paths: [String]) throws(CatalogError) {
        guard !paths.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: "UPDATE image SET gone = 1 WHERE path = ?")
            for path in paths { try statement.execute(arguments: [path]) }
        }
    }
}
