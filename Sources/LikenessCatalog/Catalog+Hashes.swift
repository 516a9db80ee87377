import Foundation
internal import GRDB
import LikenessCore

extension Catalog {
    /// Stored hashes of one method for present, decodable images, keyed by image id.
    public func hashes(_ method: HashMethod) throws(CatalogError) -> [Int64: BitHash] {
        try read { db in
            var result: [Int64: BitHash] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT h.image_id, h.bits, h.hex FROM image_hash h JOIN image i ON i.id = h.image_id
                WHERE h.method = ? AND i.gone = 0
                """, arguments: [method.rawValue])
            while let row = try rows.next() {
                if let value = BitHash(hex: row["hex"], count: row["bits"]) { result[row["image_id"]] = value }
            }
            return result
        }
    }

    /// Stores hashes in one transaction, replacing older values of the same method.
    public func storeHashes(_ values: [(imageID: Int64, method: HashMethod, hash: BitHash)]) throws(CatalogError) {
        guard !values.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO image_hash (image_id, method, bits, hex) VALUES (?, ?, ?, ?)
                ON CONFLICT(image_id, method) DO UPDATE SET bits = excluded.bits, hex = excluded.hex
                """)
            for value in values {
                try statement.execute(arguments: [value.imageID, value.method.rawValue, value.hash.count, value.hash.hex])
            }
        }
    }

    /// Present, decodable images at or below the given folders (all when nil), in path order.
    public func usableImages(under roots: [String]? = nil) throws(CatalogError) -> [CatalogImage] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM image WHERE gone = 0 AND failure_kind IS NULL AND width IS NOT NULL ORDER BY path")
                .map(Self.image(from:))
        }
        return Self.images(rows, under: roots)
    }

    /// The images at or below any of `roots`, or all of them when `roots` is nil.
    public static func images(_ images: [CatalogImage], under roots: [String]?) -> [CatalogImage] {
        guard let roots else { return images }
        let scopes = roots.map(FolderScope.init)
        return images.filter { image in scopes.contains { $0.contains(image.path) } }
    }
}
