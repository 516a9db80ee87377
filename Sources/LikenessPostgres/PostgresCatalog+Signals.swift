import Foundation
import LikenessCatalog
import PostgresNIO

extension PostgresCatalog {
    public func signals(_ kind: ImageSignalKind, version: Int, for ids: [Int64]) throws(CatalogError) -> [Int64: Data] {
        guard !ids.isEmpty else { return [:] }
        let rows = try session.rows("""
            SELECT image_id, value FROM image_signal WHERE kind = \(kind.rawValue) AND version = \(version) AND image_id = ANY(\(ids))
            """) { row in try row.decode((Int64, Data).self) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    public func storeSignals(_ kind: ImageSignalKind, version: Int, _ values: [(imageID: Int64, value: Data)]) throws(CatalogError) {
        guard !values.isEmpty else { return }
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) in
            for batch in PostgresRowBatches.batches(of: values, key: \.imageID) {
                try sql.run("""
                    INSERT INTO image_signal (image_id, kind, version, value)
                    SELECT v.image_id, \(kind.rawValue), \(version), v.value
                    FROM unnest(\(batch.map(\.imageID)), \(batch.map { ByteBuffer(bytes: $0.value) })) AS v(image_id, value)
                    ON CONFLICT (image_id, kind) DO UPDATE SET version = excluded.version, value = excluded.value
                    """)
            }
        }
    }
}
