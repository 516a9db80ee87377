import LikenessCatalog
import PostgresNIO

/// The shared catalog's tables, created and upgraded by numbered steps recorded in `likeness_schema`.
///
/// Steps run in one transaction under a transaction-scoped advisory lock, so workers that start at
/// once against a new database apply each step exactly once. The tables mirror the SQLite
/// catalog's (`CatalogSchema`) for the operations both stores share, plus the work queue.
/// Paths use `COLLATE "C"`: byte-wise, as in SQLite, whatever the database's locale.
enum PostgresSchema {
    /// The statements of each version, in order: `steps[0]` brings an empty database to version 1.
    /// (PostgresNIO sends each statement on its own: the extended protocol takes one at a time.)
    static let steps: [[String]] = [
        // 1: images, vectors, per-image signals, and the work queue with its workers.
        [
            """
            CREATE TABLE image (
                id BIGSERIAL PRIMARY KEY,
                path TEXT COLLATE "C" NOT NULL UNIQUE,
                size BIGINT,
                mtime_ns BIGINT,
                sha256 TEXT,
                width INTEGER,
                height INTEGER,
                format TEXT,
                failure_kind TEXT,
                failure_message TEXT,
                scanned_at DOUBLE PRECISION NOT NULL,
                gone BOOLEAN NOT NULL DEFAULT false
            )
            """,
            """
            CREATE INDEX image_sha256 ON image(sha256) WHERE sha256 IS NOT NULL
            """,
            """
            CREATE TABLE image_embedding (
                image_id BIGINT NOT NULL REFERENCES image(id) ON DELETE CASCADE,
                model_id TEXT NOT NULL,
                model_sha256 TEXT NOT NULL,
                dimension INTEGER NOT NULL,
                vector BYTEA NOT NULL,
                PRIMARY KEY (image_id, model_id)
            )
            """,
            """
            CREATE TABLE image_signal (
                image_id BIGINT NOT NULL REFERENCES image(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                version INTEGER NOT NULL,
                value BYTEA NOT NULL,
                PRIMARY KEY (image_id, kind)
            )
            """,
            """
            CREATE TABLE worker (
                id TEXT PRIMARY KEY,
                host TEXT NOT NULL,
                pid INTEGER NOT NULL,
                jobs TEXT NOT NULL,
                started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                finished_at TIMESTAMPTZ,
                done INTEGER NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE work_item (
                id BIGSERIAL PRIMARY KEY,
                kind TEXT NOT NULL,
                image_id BIGINT NOT NULL REFERENCES image(id) ON DELETE CASCADE,
                method TEXT NOT NULL,
                version TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending',
                leased_by TEXT,
                lease_until TIMESTAMPTZ,
                attempts INTEGER NOT NULL DEFAULT 0,
                done_by TEXT,
                done_at TIMESTAMPTZ,
                failure TEXT,
                UNIQUE (kind, image_id, method, version)
            )
            """,
            """
            CREATE INDEX work_item_pending ON work_item (kind, method, version, id) WHERE state = 'pending'
            """,
        ],
        // 2: what `dupes` reads beside vectors and signals: perceptual hashes (bit hashes as hex,
        // continuous ones as float64 little-endian) and a person's "not duplicates" decisions, keyed
        // by content so they survive moves and renames.
        [
            """
            CREATE TABLE image_hash (
                image_id BIGINT NOT NULL REFERENCES image(id) ON DELETE CASCADE,
                method TEXT NOT NULL,
                bits INTEGER NOT NULL,
                hex TEXT NOT NULL,
                PRIMARY KEY (image_id, method)
            )
            """,
            """
            CREATE TABLE image_feature (
                image_id BIGINT NOT NULL REFERENCES image(id) ON DELETE CASCADE,
                method TEXT NOT NULL,
                count INTEGER NOT NULL,
                vector BYTEA NOT NULL,
                PRIMARY KEY (image_id, method)
            )
            """,
            """
            CREATE TABLE decision (
                sha256_a TEXT COLLATE "C" NOT NULL,
                sha256_b TEXT COLLATE "C" NOT NULL,
                path_a TEXT COLLATE "C" NOT NULL,
                path_b TEXT COLLATE "C" NOT NULL,
                decided_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (sha256_a, sha256_b)
            )
            """,
        ],
        // 3: clusterings saved by name (`cluster --save`) and each image's label in them (−1: noise),
        // as the SQLite catalog's step 7; names in byte order.
        [
            """
            CREATE TABLE clustering (
                name TEXT COLLATE "C" PRIMARY KEY,
                created_at DOUBLE PRECISION NOT NULL,
                settings TEXT NOT NULL,
                points INTEGER NOT NULL,
                clusters INTEGER NOT NULL,
                noise INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE clustering_member (
                clustering TEXT COLLATE "C" NOT NULL REFERENCES clustering(name) ON DELETE CASCADE,
                image_id BIGINT NOT NULL REFERENCES image(id) ON DELETE CASCADE,
                label INTEGER NOT NULL,
                PRIMARY KEY (clustering, image_id)
            )
            """,
        ],
        // 4: the scan queue of `worker --jobs scan`: one item per listed path (keyed by the path as
        // `image` stores it), with the size and modification time it was listed (and then read) at,
        // so a later listing re-opens it only when the file changed. Leases as in `work_item`.
        [
            """
            CREATE TABLE scan_item (
                path TEXT COLLATE "C" PRIMARY KEY,
                root TEXT COLLATE "C" NOT NULL,
                valid_name BOOLEAN NOT NULL DEFAULT true,
                size BIGINT,
                mtime_ns BIGINT,
                state TEXT NOT NULL DEFAULT 'pending',
                leased_by TEXT,
                lease_until TIMESTAMPTZ,
                attempts INTEGER NOT NULL DEFAULT 0,
                done_by TEXT,
                done_at TIMESTAMPTZ,
                failure_kind TEXT,
                failure TEXT
            )
            """,
            """
            CREATE INDEX scan_item_pending ON scan_item (root, path) WHERE state = 'pending'
            """,
            """
            CREATE INDEX scan_item_root ON scan_item (root, state)
            """,
        ],
    ]

    /// The newest schema version this build writes.
    static var version: Int { steps.count }

    /// An arbitrary constant naming the advisory lock that serialises migrations.
    static let migrationLock: Int64 = 0x6C696B656E657373

    /// Brings the database up to ``version``; a database of a newer version is
    /// ``CatalogError/newerSchema(path:version:)`` and is left untouched.
    static func migrate(_ session: PostgresSession) throws(CatalogError) {
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) in
            try sql.run("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try sql.run("CREATE TABLE IF NOT EXISTS likeness_schema (version INTEGER NOT NULL)")
            let current = try sql.rows("SELECT max(version) FROM likeness_schema") { try $0.decode(Int?.self) ?? 0 }.first ?? 0
            guard current <= version else { throw .newerSchema(path: session.address.description, version: current) }
            guard current < version else { return }
            for step in steps[current...] { for statement in step { try sql.run(PostgresQuery(unsafeSQL: statement)) } }
            try sql.run("DELETE FROM likeness_schema")
            try sql.run("INSERT INTO likeness_schema (version) VALUES (\(version))")
        }
    }
}
