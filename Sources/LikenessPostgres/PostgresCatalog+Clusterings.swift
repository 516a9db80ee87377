import Foundation
import LikenessCatalog
import LikenessCore
import PostgresNIO

extension PostgresCatalog {
    @discardableResult
    public func saveClustering(_ clustering: SavedClustering, members: [(imageID: Int64, label: Int)]) throws(CatalogError) -> Bool {
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) -> Bool in
            let existed = try sql.run("DELETE FROM clustering WHERE name = \(clustering.name) RETURNING 1").count > 0
            try sql.run("""
                INSERT INTO clustering (name, created_at, settings, points, clusters, noise)
                VALUES (\(clustering.name), \(clustering.createdAt.timeIntervalSince1970), \(clustering.settings),
                        \(clustering.points), \(clustering.clusters), \(clustering.noise))
                """)
            if !members.isEmpty {
                // One statement for every member: the ids and labels as two arrays of one length.
                try sql.run("""
                    INSERT INTO clustering_member (clustering, image_id, label)
                    SELECT \(clustering.name), m.image_id, m.label FROM unnest(\(members.map(\.imageID)), \(members.map { Int64($0.label) }))
                        AS m(image_id, label)
                    """)
            }
            return existed
        }
    }

    public func clusterings() throws(CatalogError) -> [SavedClustering] {
        try session.rows("""
            SELECT name, created_at, settings, points, clusters, noise FROM clustering ORDER BY created_at DESC, name
            """, Self.clustering(from:))
    }

    public func clustering(named name: String) throws(CatalogError) -> (SavedClustering, [ClusterMembership])? {
        guard let saved = try session.rows("""
            SELECT name, created_at, settings, points, clusters, noise FROM clustering WHERE name = \(name)
            """, Self.clustering(from:)).first else { return nil }
        let members = try session.rows("""
            SELECT m.image_id, i.path, m.label FROM clustering_member m JOIN image i ON i.id = m.image_id
            WHERE m.clustering = \(name) ORDER BY m.label, i.path
            """) { row in
            let (id, path, label) = try row.decode((Int64, String, Int).self)
            return ClusterMembership(imageID: id, path: path, label: label)
        }
        return (saved, members)
    }

    @discardableResult
    public func deleteClustering(named name: String) throws(CatalogError) -> Bool {
        try session.run("DELETE FROM clustering WHERE name = \(name) RETURNING 1").count > 0
    }

    /// A row of `name, created_at, settings, points, clusters, noise` as a saved clustering.
    private static func clustering(from row: PostgresRow) throws -> SavedClustering {
        let (name, created, settings, points, clusters, noise) = try row.decode((String, Double, String, Int, Int, Int).self)
        return SavedClustering(name: name, createdAt: Date(timeIntervalSince1970: created), settings: settings,
                               points: points, clusters: clusters, noise: noise)
    }
}
