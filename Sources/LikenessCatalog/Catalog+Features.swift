import Foundation
internal import GRDB
import LikenessCore

extension Catalog {
    /// Stored continuous hashes of one method for present images, keyed by image id.
    public func features(_ method: FeatureMethod) throws(CatalogError) -> [Int64: FeatureHash] {
        try read { db in
            var result: [Int64: FeatureHash] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT f.image_id, f.count, f.vector FROM image_feature f JOIN image i ON i.id = f.image_id
                WHERE f.method = ? AND i.gone = 0
                """, arguments: [method.rawValue])
            while let row = try rows.next() {
                let data: Data = row["vector"]
                let count: Int = row["count"]
                guard data.count == count * MemoryLayout<Double>.size else { continue }
                let values = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
                result[row["image_id"]] = FeatureHash(method: method, values: values)
            }
            return result
        }
    }

    /// Stores continuous hashes in one transaction, replacing older values of the same method.
    public func storeFeatures(_ values: [(imageID: Int64, feature: FeatureHash)]) throws(CatalogError) {
        guard !values.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO image_feature (image_id, method, count, vector) VALUES (?, ?, ?, ?)
                ON CONFLICT(image_id, method) DO UPDATE SET count = excluded.count, vector = excluded.vector
                """)
            for value in values {
                let blob = value.feature.values.withUnsafeBufferPointer { Data(buffer: $0) }
                try statement.execute(arguments: [value.imageID, value.feature.method.rawValue, value.feature.values.count, blob])
            }
        }
    }

    /// Present, decodable images under `roots` (all when nil) with no stored value of `method`.
    public func imagesMissing(_ method: PerceptualMethod, under roots: [String]? = nil) throws(CatalogError) -> [CatalogImage] {
        let (table, name) = switch method {
        case .bits(let bits): ("image_hash", bits.rawValue)
        case .features(let features): ("image_feature", features.rawValue)
        }
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM image WHERE gone = 0 AND failure_kind IS NULL AND width IS NOT NULL
                AND id NOT IN (SELECT image_id FROM \(table) WHERE method = ?)
                ORDER BY path
                """, arguments: [name]).map(Self.image(from:))
        }
        return Self.images(rows, under: roots)
    }
}
