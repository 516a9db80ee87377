internal import GRDB

/// The catalog's tables, created and upgraded by numbered migrations.
enum CatalogSchema {
    /// The newest schema version this build writes.
    static let version = 1

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: images") { db in
            try db.execute(sql: """
                CREATE TABLE image (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    size INTEGER,
                    mtime_ns INTEGER,
                    sha256 TEXT,
                    width INTEGER,
                    height INTEGER,
                    format TEXT,
                    failure_kind TEXT,
                    failure_message TEXT,
                    scanned_at DOUBLE NOT NULL,
                    gone INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX image_sha256 ON image(sha256) WHERE sha256 IS NOT NULL;
                """)
        }
        return migrator
    }
}
