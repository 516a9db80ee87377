import Foundation
import LikenessCatalog
import LikenessCore
import PostgresNIO

/// One worker's view of the scan queue of one folder (`worker --jobs scan --root DIR`).
///
/// Items are paths (`scan_item`, keyed by the path as `image` stores it). Every worker lists the
/// folder and adds what it found with ``list(_:)``: an item is added once, whoever lists it, and a
/// finished item is offered again only when a later listing finds the file at another size or
/// modification time. Claims and leases work as in ``PostgresWorkQueue``: `FOR UPDATE SKIP
/// LOCKED`, a lease that expires, and ``complete(_:)`` records the rows and marks the items done in
/// one transaction, only for the items still leased to this worker, so a path is catalogued once
/// however the workers are killed.
public struct PostgresScanQueue: LeasedQueue {
    public let catalog: PostgresCatalog
    /// The absolute folder this queue's items were listed under.
    public let root: String
    public let worker: WorkerIdentity
    /// How long a claim holds its items.
    public let leaseSeconds: Double
    /// Leases an item may expire before it is marked failed (a file that kills every worker that reads it).
    public let maxAttempts: Int

    public init(catalog: PostgresCatalog, root: String, worker: WorkerIdentity, leaseSeconds: Double = 60, maxAttempts: Int = 5) {
        self.catalog = catalog
        self.root = root
        self.worker = worker
        self.leaseSeconds = leaseSeconds
        self.maxAttempts = max(1, maxAttempts)
    }

    var session: PostgresSession { catalog.session }

    /// Rows per listing statement.
    static let listingChunk = 2_000

    /// Adds an item for each listed file that has none, and offers a finished item again when the
    /// file's size or modification time is not the one it was read at. Pending items are left as
    /// they are. Returns how many items were added or offered again.
    ///
    /// The comparison is with the item's own row, in the statement that inserts it: two workers
    /// listing at once, or a worker listing while another completes the item, never make a file be
    /// read twice.
    @discardableResult
    public func list(_ files: [ListedFile]) throws(CatalogError) -> Int {
        var added = 0
        var start = 0
        while start < files.count {
            let chunk = files[start..<min(start + Self.listingChunk, files.count)]
            start += chunk.count
            let paths = chunk.map(\.path), valid = chunk.map(\.hasValidName)
            let sizes = chunk.map(\.fingerprint.size), times = chunk.map(\.fingerprint.modifiedNanoseconds)
            added += try session.rows("""
                WITH listed AS (
                    INSERT INTO scan_item (path, root, valid_name, size, mtime_ns)
                    SELECT p, \(root), v, s, m FROM unnest(\(paths)::text[], \(valid)::bool[], \(sizes)::int8[], \(times)::int8[]) AS t(p, v, s, m)
                    ON CONFLICT (path) DO UPDATE SET
                        state = 'pending', root = excluded.root, valid_name = excluded.valid_name, size = excluded.size,
                        mtime_ns = excluded.mtime_ns, attempts = 0, leased_by = NULL, lease_until = NULL, done_by = NULL,
                        done_at = NULL, failure_kind = NULL, failure = NULL
                    WHERE scan_item.state <> 'pending'
                    AND (scan_item.size IS DISTINCT FROM excluded.size OR scan_item.mtime_ns IS DISTINCT FROM excluded.mtime_ns)
                    RETURNING 1)
                SELECT count(*) FROM listed
                """) { try $0.decode(Int.self) }.first ?? 0
        }
        return added
    }

    /// Leases up to `limit` pending paths of the root (never leased, or whose lease expired) in
    /// path order, skipping rows other workers are claiming at this moment. Items whose leases
    /// expired ``maxAttempts`` times are marked failed instead.
    public func claim(limit: Int) throws(CatalogError) -> [ScanItem] {
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) -> [ScanItem] in
            try sql.run("""
                UPDATE scan_item SET state = 'failed', leased_by = NULL, lease_until = NULL, failure_kind = 'unreadable',
                    failure = path || ': its lease expired ' || attempts || ' times: the worker that read it stopped each time'
                WHERE root = \(root) AND state = 'pending' AND lease_until < now() AND attempts >= \(maxAttempts)
                """)
            let items = try sql.rows("""
                UPDATE scan_item s SET leased_by = \(worker.id), lease_until = now() + make_interval(secs => \(leaseSeconds)),
                    attempts = s.attempts + 1
                WHERE s.path IN (
                    SELECT path FROM scan_item
                    WHERE root = \(root) AND state = 'pending' AND (lease_until IS NULL OR lease_until < now()) AND attempts < \(maxAttempts)
                    ORDER BY path LIMIT \(max(1, limit))
                    FOR UPDATE SKIP LOCKED)
                RETURNING s.path, s.valid_name, s.size, s.mtime_ns,
                    (SELECT i.size FROM image i WHERE i.path = s.path AND NOT i.gone),
                    (SELECT i.mtime_ns FROM image i WHERE i.path = s.path AND NOT i.gone)
                """) { row in
                let (path, valid, size, mtime, storedSize, storedTime) = try row.decode((String, Bool, Int64?, Int64?, Int64?, Int64?).self)
                return ScanItem(path: path, hasValidName: valid, listed: Self.fingerprint(size, mtime),
                                catalogued: Self.fingerprint(storedSize, storedTime))
            }
            try WorkerRecord.seen(worker, with: sql)
            return items.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        }
    }

    /// In one transaction: marks the results' items that are still this worker's done (or failed),
    /// records their entries as `likeness scan` does, and counts them on the worker. Returns the
    /// paths completed; a result whose item is no longer this worker's is dropped, not recorded.
    public func complete(_ results: [ScanResult]) throws(CatalogError) -> Set<String> {
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) -> Set<String> in
            var owned = Set<String>()
            for result in results {
                let state = result.failure == nil ? "done" : "failed"
                let marked = try sql.run("""
                    UPDATE scan_item SET state = \(state), size = \(result.fingerprint?.size), mtime_ns = \(result.fingerprint?.modifiedNanoseconds),
                        failure_kind = \(result.failure?.kind.rawValue), failure = \(result.failure?.message),
                        done_by = \(worker.id), done_at = now(), leased_by = NULL, lease_until = NULL
                    WHERE path = \(result.path) AND root = \(root) AND leased_by = \(worker.id) AND state = 'pending'
                    RETURNING path
                    """)
                if !marked.isEmpty { owned.insert(result.path) }
            }
            try PostgresCatalog.record(results.compactMap { owned.contains($0.path) ? $0.entry : nil }, with: sql)
            try WorkerRecord.seen(worker, done: owned.count, with: sql)
            return owned
        }
    }

    /// Items of the root not finished: those a claim could take now, and those other workers hold
    /// under live leases (a worker with none to take waits for these, in case their worker dies).
    public func remaining() throws(CatalogError) -> (claimable: Int, leasedElsewhere: Int) {
        try session.rows("""
            SELECT count(*) FILTER (WHERE (lease_until IS NULL OR lease_until < now()) AND attempts < \(maxAttempts)),
                   count(*) FILTER (WHERE lease_until >= now() AND leased_by <> \(worker.id))
            FROM scan_item WHERE root = \(root) AND state = 'pending'
            """) { try $0.decode((Int, Int).self) }.first.map { (claimable: $0.0, leasedElsewhere: $0.1) } ?? (0, 0)
    }

    /// Marks the catalogued paths gone (their rows stay, as `likeness scan` keeps them) and forgets
    /// their finished items, so the file is read again if it comes back. A path with a pending item
    /// (listed again meanwhile) is left alone. Returns the paths this call marked: a path another
    /// worker marked first is not counted twice.
    public func markGone(_ paths: [String]) throws(CatalogError) -> [String] {
        guard !paths.isEmpty else { return [] }
        return try session.transaction { (sql: PostgresStatements) throws(CatalogError) -> [String] in
            try sql.run("DELETE FROM scan_item WHERE path = ANY(\(paths)) AND state <> 'pending'")
            return try sql.rows("""
                UPDATE image SET gone = true
                WHERE path = ANY(\(paths)) AND NOT gone AND path NOT IN (SELECT path FROM scan_item WHERE path = ANY(\(paths)))
                RETURNING path
                """) { try $0.decode(String.self) }.sorted()
        }
    }

    /// A size and a modification time as a fingerprint when both are known.
    static func fingerprint(_ size: Int64?, _ time: Int64?) -> FileFingerprint? {
        size.flatMap { size in time.map { FileFingerprint(size: size, modifiedNanoseconds: $0) } }
    }
}
