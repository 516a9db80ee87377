import LikenessCatalog
import LikenessCore
import PostgresNIO

extension PostgresCatalog {
    public func allImages() throws(CatalogError) -> [CatalogImage] {
        try session.run(PostgresQuery(unsafeSQL: "SELECT \(Self.imageColumns) FROM image ORDER BY path")).decodedImages(location)
    }

    public func image(at path: String) throws(CatalogError) -> CatalogImage? {
        try session.run(PostgresQuery(unsafeSQL: "SELECT \(Self.imageColumns) FROM image WHERE path = $1", binds: Self.binds(path)))
            .decodedImages(location).first
    }

    public func image(id: Int64) throws(CatalogError) -> CatalogImage? {
        try session.run(PostgresQuery(unsafeSQL: "SELECT \(Self.imageColumns) FROM image WHERE id = $1", binds: Self.ids(id)))
            .decodedImages(location).first
    }

    public func imagesSharingContent() throws(CatalogError) -> [CatalogImage] {
        try session.run(PostgresQuery(unsafeSQL: """
            SELECT \(Self.imageColumns) FROM image
            WHERE NOT gone AND sha256 IN (
                SELECT sha256 FROM image WHERE NOT gone AND sha256 IS NOT NULL GROUP BY sha256 HAVING count(*) > 1)
            ORDER BY sha256 COLLATE "C", path
            """)).decodedImages(location)
    }

    public func usableImages(under roots: [String]?) throws(CatalogError) -> [CatalogImage] {
        let rows = try session.run(PostgresQuery(unsafeSQL: """
            SELECT \(Self.imageColumns) FROM image WHERE NOT gone AND failure_kind IS NULL AND width IS NOT NULL ORDER BY path
            """))
        return Catalog.images(try rows.decodedImages(location), under: roots)
    }
}

extension Array where Element == PostgresRow {
    /// Rows of ``PostgresCatalog/imageColumns`` as catalogued images.
    func decodedImages(_ location: String) throws(CatalogError) -> [CatalogImage] {
        do { return try map(PostgresCatalog.image(from:)) } catch { throw PostgresFailure.running(error, location: location) }
    }
}

extension PostgresCatalog {
    public func contentStamp() throws(CatalogError) -> ContentStamp {
        let images = try session.rows("""
            SELECT count(*), count(*) FILTER (WHERE gone), coalesce(sum(scanned_at), 0)::float8, coalesce(max(scanned_at), 0)::float8 FROM image
            """) { try $0.decode((Int, Int, Double, Double).self) }.first ?? (0, 0, 0, 0)
        let vectors = try session.rows("""
            SELECT model_id, model_sha256, count(*) FROM image_embedding GROUP BY model_id, model_sha256 ORDER BY model_id, model_sha256
            """) { row in
            let (model, fingerprint, count) = try row.decode((String, String, Int).self)
            return ContentStamp.VectorCount(model: model, fingerprint: fingerprint, count: count)
        }
        return ContentStamp(images: images.0, gone: images.1, scanTimeSum: images.2, latestScanTime: images.3, vectors: vectors)
    }
}
