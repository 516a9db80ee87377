import Foundation
internal import GRDB
import LikenessCore

extension Catalog {
    /// Present, decodable images under `roots` (all when nil) without a current vector of this model
    /// (none stored, or one stored from other weights).
    public func imagesMissingEmbedding(model: String, fingerprint: String, under roots: [String]? = nil) throws(CatalogError) -> [CatalogImage] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM image WHERE gone = 0 AND failure_kind IS NULL AND width IS NOT NULL
                AND id NOT IN (SELECT image_id FROM image_embedding WHERE model_id = ? AND model_sha256 = ?)
                ORDER BY path
                """, arguments: [model, fingerprint]).map(Self.image(from:))
        }
        return Self.images(rows, under: roots)
    }

    /// Stores vectors (float32, little-endian) in one transaction, replacing older ones of the same model.
    public func storeEmbeddings(_ values: [(imageID: Int64, vector: [Float])], model: String, fingerprint: String) throws(CatalogError) {
        guard !values.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO image_embedding (image_id, model_id, model_sha256, dimension, vector) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(image_id, model_id) DO UPDATE SET
                    model_sha256 = excluded.model_sha256, dimension = excluded.dimension, vector = excluded.vector
                """)
            for value in values {
                let blob = value.vector.withUnsafeBufferPointer { Data(buffer: $0) }
                try statement.execute(arguments: [value.imageID, model, fingerprint, value.vector.count, blob])
            }
        }
    }

    /// Current vectors of a model for present images, keyed by image id.
    public func embeddings(model: String, fingerprint: String) throws(CatalogError) -> [Int64: [Float]] {
        try read { db in
            var result: [Int64: [Float]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT e.image_id, e.dimension, e.vector FROM image_embedding e JOIN image i ON i.id = e.image_id
                WHERE e.model_id = ? AND e.model_sha256 = ? AND i.gone = 0
                """, arguments: [model, fingerprint])
            while let row = try rows.next() {
                let data: Data = row["vector"]
                let dimension: Int = row["dimension"]
                guard data.count == dimension * MemoryLayout<Float>.size else { continue }
                result[row["image_id"]] = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            }
            return result
        }
    }

    /// How many stored vectors of `model` come from weights other than `fingerprint` (stale).
    public func staleEmbeddingCount(model: String, fingerprint: String) throws(CatalogError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM image_embedding WHERE model_id = ? AND model_sha256 != ?",
                             arguments: [model, fingerprint]) ?? 0
        }
    }
}
