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

    /// Groups of present files that share a SHA-256, largest groups first, then by first path.
    ///
    /// - Parameter roots: when given, only files at or below these absolute folders take part.
    public func exactDuplicateGroups(under roots: [String]? = nil) throws(CatalogError) -> [ExactDuplicateGroup] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM image
                WHERE gone = 0 AND sha256 IN (
                    SELECT sha256 FROM image WHERE gone = 0 AND sha256 IS NOT NULL GROUP BY sha256 HAVING count(*) > 1)
                ORDER BY sha256, path
                """).map(Self.image(from:))
        }
        let inScope = rows.filter { image in
            guard let roots else { return true }
            return roots.contains { FolderScope($0).contains(image.path) }
        }
        var groups: [ExactDuplicateGroup] = []
        for image in inScope {
            guard let hash = image.contentHash else { continue }
            if groups.last?.contentHash == hash {
                groups[groups.count - 1].members.append(image)
            } else {
                groups.append(ExactDuplicateGroup(contentHash: hash, members: [image]))
            }
        }
        return groups
            .filter { $0.members.count > 1 }
            .sorted { ($0.members.count, $1.members[0].path) > ($1.members.count, $0.members[0].path) }
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
