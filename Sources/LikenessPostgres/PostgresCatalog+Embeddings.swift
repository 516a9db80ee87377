import Foundation
import LikenessCatalog
import LikenessCore
import PostgresNIO

extension PostgresCatalog {
    public func imagesMissingEmbedding(model: String, fingerprint: String, under roots: [String]?) throws(CatalogError) -> [CatalogImage] {
        let rows = try session.run(PostgresQuery(unsafeSQL: """
            SELECT \(Self.imageColumns) FROM image WHERE NOT gone AND failure_kind IS NULL AND width IS NOT NULL
            AND id NOT IN (SELECT image_id FROM image_embedding WHERE model_id = $1 AND model_sha256 = $2)
            ORDER BY path
            """, binds: Self.binds(model, fingerprint)))
        return Catalog.images(try rows.decodedImages(location), under: roots)
    }

    public func storeEmbeddings(_ values: [(imageID: Int64, vector: [Float])], model: String, fingerprint: String) throws(CatalogError) {
        guard !values.isEmpty else { return }
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) in
            try Self.storeEmbeddings(values, model: model, fingerprint: fingerprint, with: sql)
        }
    }

    /// Stores vectors (float32, little-endian, as the SQLite catalog does) inside a transaction the caller holds.
    static func storeEmbeddings(_ values: [(imageID: Int64, vector: [Float])], model: String, fingerprint: String,
                                with sql: PostgresStatements) throws(CatalogError) {
        for batch in PostgresRowBatches.batches(of: values, key: \.imageID) {
            let blobs = batch.map { value in
                var blob = ByteBuffer()
                value.vector.withUnsafeBytes { _ = blob.writeBytes($0) }
                return blob
            }
            try sql.run("""
                INSERT INTO image_embedding (image_id, model_id, model_sha256, dimension, vector)
                SELECT v.image_id, \(model), \(fingerprint), v.dimension, v.vector
                FROM unnest(\(batch.map(\.imageID)), \(batch.map(\.vector.count)), \(blobs)) AS v(image_id, dimension, vector)
                ON CONFLICT (image_id, model_id) DO UPDATE SET
                    model_sha256 = excluded.model_sha256, dimension = excluded.dimension, vector = excluded.vector
                """)
        }
    }

    public func embeddings(model: String, fingerprint: String) throws(CatalogError) -> [Int64: [Float]] {
        let rows = try session.rows("""
            SELECT e.image_id, e.dimension, e.vector FROM image_embedding e JOIN image i ON i.id = e.image_id
            WHERE e.model_id = \(model) AND e.model_sha256 = \(fingerprint) AND NOT i.gone
            """) { row in try row.decode((Int64, Int, Data).self) }
        var result: [Int64: [Float]] = [:]
        for (id, dimension, data) in rows where data.count == dimension * MemoryLayout<Float>.size {
            result[id] = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        }
        return result
    }

    public func staleEmbeddingCount(model: String, fingerprint: String) throws(CatalogError) -> Int {
        try session.rows("SELECT count(*) FROM image_embedding WHERE model_id = \(model) AND model_sha256 != \(fingerprint)") {
            try $0.decode(Int.self)
        }.first ?? 0
    }
}
