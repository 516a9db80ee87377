internal import GRDB

/// The catalog's tables, created and upgraded by numbered migrations.
enum CatalogSchema {
    /// The newest schema version this build writes.
    static let version = 3

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
        migrator.registerMigration("v2: perceptual hashes") { db in
            try db.execute(sql: """
                CREATE TABLE image_hash (
                    image_id INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
                    method TEXT NOT NULL,
                    bits INTEGER NOT NULL,
                    hex TEXT NOT NULL,
                    PRIMARY KEY (image_id, method)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3: embeddings") { db in
            try db.execute(sql: """
                CREATE TABLE image_embedding (
                    image_id INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
                    model_id TEXT NOT NULL,
                    model_sha256 TEXT NOT NULL,
                    dimension INTEGER NOT NULL,
                    vector BLOB NOT NULL,
                    PRIMARY KEY (image_id, model_id)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
