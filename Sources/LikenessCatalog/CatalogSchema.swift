internal import GRDB

/// The catalog's tables, created and upgraded by numbered steps recorded in `PRAGMA user_version`.
///
/// All steps run inside one IMMEDIATE transaction, so two processes opening the same new catalog
/// at once cannot both apply a step (GRDB's migrator checks what is applied outside its
/// transactions, which races across processes).
enum CatalogSchema {
    /// The SQL of each version, in order: `steps[0]` brings an empty file to version 1.
    static let steps: [String] = [
        // 1: images
        """
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
        """,
        // 2: perceptual hashes
        """
        CREATE TABLE image_hash (
            image_id INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            method TEXT NOT NULL,
            bits INTEGER NOT NULL,
            hex TEXT NOT NULL,
            PRIMARY KEY (image_id, method)
        ) WITHOUT ROWID;
        """,
        // 3: embeddings
        """
        CREATE TABLE image_embedding (
            image_id INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            model_id TEXT NOT NULL,
            model_sha256 TEXT NOT NULL,
            dimension INTEGER NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (image_id, model_id)
        ) WITHOUT ROWID;
        """,
        // 4: continuous perceptual hashes (radial variance, colour moments), float64 little-endian
        """
        CREATE TABLE image_feature (
            image_id INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            method TEXT NOT NULL,
            count INTEGER NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (image_id, method)
        ) WITHOUT ROWID;
        """,
        // 5: per-image signals of the near-duplicate rule (dihedral pHashes, local features, sharpness),
        // each a blob in the encoding of its `kind` at `version`; an empty blob means "computed: none".
        """
        CREATE TABLE image_signal (
            image_id INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            version INTEGER NOT NULL,
            value BLOB NOT NULL,
            PRIMARY KEY (image_id, kind)
        ) WITHOUT ROWID;
        """,
        // 6: a person's decisions about pairs ("not duplicates", "keep all"), keyed by content so
        // they survive moves, renames and deletions; the paths are those when it was decided.
        """
        CREATE TABLE decision (
            sha256_a TEXT NOT NULL,
            sha256_b TEXT NOT NULL,
            path_a TEXT NOT NULL,
            path_b TEXT NOT NULL,
            decided_at DOUBLE NOT NULL,
            PRIMARY KEY (sha256_a, sha256_b)
        ) WITHOUT ROWID;
        """,
        // 7: clusterings saved by name (`cluster --save`), each image's label in them (−1: noise).
        """
        CREATE TABLE clustering (
            name TEXT PRIMARY KEY NOT NULL,
            created_at DOUBLE NOT NULL,
            settings TEXT NOT NULL,
            points INTEGER NOT NULL,
            clusters INTEGER NOT NULL,
            noise INTEGER NOT NULL
        );
        CREATE TABLE clustering_member (
            clustering TEXT NOT NULL REFERENCES clustering(name) ON DELETE CASCADE,
            image_id INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            label INTEGER NOT NULL,
            PRIMARY KEY (clustering, image_id)
        ) WITHOUT ROWID;
        """,
    ]

    /// The newest schema version this build writes.
    static var version: Int { steps.count }

    /// Brings the database up to ``version``; throws ``CatalogError/newerSchema(path:version:)`` for a newer file.
    static func migrate(_ pool: DatabasePool, path: String) throws {
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard current <= version else { throw CatalogError.newerSchema(path: path, version: current) }
                for step in steps[current...] { try db.execute(sql: step) }
                if current < version { try db.execute(sql: "PRAGMA user_version = \(version)") }
                return .commit
            }
        }
    }
}
