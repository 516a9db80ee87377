import Foundation
internal import GRDB
import LikenessCore

extension Catalog {
    /// Every row, present or gone, in path order.
    public func allImages() throws(CatalogError) -> [CatalogImage] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM image ORDER BY path").map(Self.image(from:)) }
    }

    /// One row by path, or nil.
    public func image(at path: String) throws(CatalogError) -> CatalogImage? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM image WHERE path = ?", arguments: [path]).map(Self.image(from:)) }
    }

    /// One row by its id, or nil.
    public func image(id: Int64) throws(CatalogError) -> CatalogImage? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM image WHERE id = ?", arguments: [id]).map(Self.image(from:)) }
    }

    /// Present files whose SHA-256 another present file shares, ordered by SHA-256, then path.
    public func imagesSharingContent() throws(CatalogError) -> [CatalogImage] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM image
                WHERE gone = 0 AND sha256 IN (
                    SELECT sha256 FROM image WHERE gone = 0 AND sha256 IS NOT NULL GROUP BY sha256 HAVING count(*) > 1)
                ORDER BY sha256, path
                """).map(Self.image(from:))
        }
    }

    static func image(from row: Row) -> CatalogImage {
        let size: Int64? = row["size"], mtime: Int64? = row["mtime_ns"]
        let width: Int? = row["width"], height: Int? = row["height"], format: String? = row["format"]
        let kind: String? = row["failure_kind"], message: String? = row["failure_message"]
        let hash: String? = row["sha256"]
        return CatalogImage(
            id: row["id"],
            path: row["path"],
            fingerprint: size.flatMap { size in mtime.map { FileFingerprint(size: size, modifiedNanoseconds: $0) } },
            contentHash: hash.flatMap(ContentHash.init(hex:)),
            info: width.flatMap { w in height.flatMap { h in format.flatMap(ImageFormat.init(rawValue:)).map { ImageInfo(width: w, height: h, format: $0) } } },
            failure: kind.flatMap(FailureKind.init(rawValue:)).map { ItemFailure($0, message ?? "") },
            isGone: row["gone"])
    }
}

extension Catalog {
    public func contentStamp() throws(CatalogError) -> ContentStamp {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), total(gone), total(scanned_at), coalesce(max(scanned_at), 0) FROM image")
            let vectors = try Row.fetchAll(db, sql: """
                SELECT model_id, model_sha256, count(*) FROM image_embedding GROUP BY model_id, model_sha256 ORDER BY model_id, model_sha256
                """).map { ContentStamp.VectorCount(model: $0[0], fingerprint: $0[1], count: $0[2]) }
            return ContentStamp(images: row?[0] ?? 0, gone: Int((row?[1] as Double?) ?? 0), scanTimeSum: row?[2] ?? 0,
                                latestScanTime: row?[3] ?? 0, vectors: vectors)
        }
    }
}
