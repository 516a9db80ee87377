import Foundation
internal import GRDB
import LikenessCore

extension Catalog {
    /// Stores a clustering under its name, replacing one saved before under the same name.
    /// Returns true when it replaced one.
    @discardableResult
    public func saveClustering(_ clustering: SavedClustering, members: [(imageID: Int64, label: Int)]) throws(CatalogError) -> Bool {
        try write { db in
            let existed = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM clustering WHERE name = ?)", arguments: [clustering.name]) ?? false
            try db.execute(sql: "DELETE FROM clustering WHERE name = ?", arguments: [clustering.name])
            try db.execute(sql: "INSERT INTO clustering (name, created_at, settings, points, clusters, noise) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [clustering.name, clustering.createdAt.timeIntervalSince1970, clustering.settings,
                                       clustering.points, clustering.clusters, clustering.noise])
            let statement = try db.cachedStatement(sql: "INSERT INTO clustering_member (clustering, image_id, label) VALUES (?, ?, ?)")
            for member in members { try statement.execute(arguments: [clustering.name, member.imageID, member.label]) }
            return existed
        }
    }

    /// Every saved clustering, newest first (none in a read-only catalog older than the table).
    public func clusterings() throws(CatalogError) -> [SavedClustering] {
        try read { db in
            guard try db.tableExists("clustering") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM clustering ORDER BY created_at DESC, name").map(Self.clustering)
        }
    }

    /// The saved clustering of that name and its members (by path), or nil when there is none.
    /// Members whose image has since left the catalog are gone with it.
    public func clustering(named name: String) throws(CatalogError) -> (SavedClustering, [ClusterMembership])? {
        try read { db in
            guard try db.tableExists("clustering"),
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM clustering WHERE name = ?", arguments: [name]) else { return nil }
            let members = try Row.fetchAll(db, sql: """
                SELECT m.image_id, i.path, m.label FROM clustering_member m JOIN image i ON i.id = m.image_id
                WHERE m.clustering = ? ORDER BY m.label, i.path
                """, arguments: [name]).map { ClusterMembership(imageID: $0[0], path: $0[1], label: $0[2]) }
            return (Self.clustering(row), members)
        }
    }

    /// Removes a saved clustering; returns false when there was none of that name.
    @discardableResult
    public func deleteClustering(named name: String) throws(CatalogError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM clustering WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    private static func clustering(_ row: Row) -> SavedClustering {
        SavedClustering(name: row["name"], createdAt: Date(timeIntervalSince1970: row["created_at"]), settings: row["settings"],
                        points: row["points"], clusters: row["clusters"], noise: row["noise"])
    }
}
