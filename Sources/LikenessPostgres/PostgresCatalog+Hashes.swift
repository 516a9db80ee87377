import Foundation
import LikenessCatalog
import LikenessCore
import PostgresNIO

extension PostgresCatalog {
    public func hashes(_ method: HashMethod) throws(CatalogError) -> [Int64: BitHash] {
        let rows = try session.rows("""
            SELECT h.image_id, h.bits, h.hex FROM image_hash h JOIN image i ON i.id = h.image_id
            WHERE h.method = \(method.rawValue) AND NOT i.gone
            """) { row in try row.decode((Int64, Int, String).self) }
        var result: [Int64: BitHash] = [:]
        for (id, bits, hex) in rows {
            if let value = BitHash(hex: hex, count: bits) { result[id] = value }
        }
        return result
    }

    public func storeHashes(_ values: [(imageID: Int64, method: HashMethod, hash: BitHash)]) throws(CatalogError) {
        guard !values.isEmpty else { return }
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) in try Self.storeHashes(values, with: sql) }
    }

    /// Stores bit hashes inside a transaction the caller holds.
    static func storeHashes(_ values: [(imageID: Int64, method: HashMethod, hash: BitHash)], with sql: PostgresStatements) throws(CatalogError) {
        for batch in PostgresRowBatches.batches(of: values, key: { HashKey(imageID: $0.imageID, method: $0.method.rawValue) }) {
            try sql.run("""
                INSERT INTO image_hash (image_id, method, bits, hex)
                SELECT * FROM unnest(\(batch.map(\.imageID)), \(batch.map(\.method.rawValue)), \(batch.map(\.hash.count)), \(batch.map(\.hash.hex)))
                ON CONFLICT (image_id, method) DO UPDATE SET bits = excluded.bits, hex = excluded.hex
                """)
        }
    }

    public func features(_ method: FeatureMethod) throws(CatalogError) -> [Int64: FeatureHash] {
        let rows = try session.rows("""
            SELECT f.image_id, f.count, f.vector FROM image_feature f JOIN image i ON i.id = f.image_id
            WHERE f.method = \(method.rawValue) AND NOT i.gone
            """) { row in try row.decode((Int64, Int, Data).self) }
        var result: [Int64: FeatureHash] = [:]
        for (id, count, data) in rows where data.count == count * MemoryLayout<Double>.size {
            result[id] = FeatureHash(method: method, values: data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) })
        }
        return result
    }

    public func storeFeatures(_ values: [(imageID: Int64, feature: FeatureHash)]) throws(CatalogError) {
        guard !values.isEmpty else { return }
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) in try Self.storeFeatures(values, with: sql) }
    }

    /// Stores continuous hashes (float64, little-endian, as the SQLite catalog does) inside a
    /// transaction the caller holds.
    static func storeFeatures(_ values: [(imageID: Int64, feature: FeatureHash)], with sql: PostgresStatements) throws(CatalogError) {
        for batch in PostgresRowBatches.batches(of: values, key: { HashKey(imageID: $0.imageID, method: $0.feature.method.rawValue) }) {
            let blobs = batch.map { value in
                var blob = ByteBuffer()
                value.feature.values.withUnsafeBytes { _ = blob.writeBytes($0) }
                return blob
            }
            try sql.run("""
                INSERT INTO image_feature (image_id, method, count, vector)
                SELECT * FROM unnest(\(batch.map(\.imageID)), \(batch.map(\.feature.method.rawValue)), \(batch.map(\.feature.values.count)), \(blobs))
                ON CONFLICT (image_id, method) DO UPDATE SET count = excluded.count, vector = excluded.vector
                """)
        }
    }

    /// The key of a row in `image_hash` or `image_feature`.
    private struct HashKey: Hashable {
        var imageID: Int64
        var method: String
    }

    /// The table that keeps values of `method`: bit hashes and continuous ones live apart.
    static func table(of method: PerceptualMethod) -> String {
        method.isBitHash ? "image_hash" : "image_feature"
    }

    public func imagesMissing(_ method: PerceptualMethod, under roots: [String]?) throws(CatalogError) -> [CatalogImage] {
        let rows = try session.run(PostgresQuery(unsafeSQL: """
            SELECT \(Self.imageColumns) FROM image WHERE NOT gone AND failure_kind IS NULL AND width IS NOT NULL
            AND id NOT IN (SELECT image_id FROM \(Self.table(of: method)) WHERE method = $1)
            ORDER BY path
            """, binds: Self.binds(method.name)))
        return Catalog.images(try rows.decodedImages(location), under: roots)
    }
}
