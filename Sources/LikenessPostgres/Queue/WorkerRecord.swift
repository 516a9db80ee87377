import LikenessCatalog
import PostgresNIO

/// A worker's row in the shared catalog (`worker`), which `status` lists, and the leases it holds
/// in every queue: what registering, releasing and finishing act on, whichever queues the worker
/// took items from (``PostgresWorkQueue`` for hashing and embedding, ``PostgresScanQueue`` for
/// scanning).
public struct WorkerRecord: Sendable {
    public let catalog: PostgresCatalog
    public let worker: WorkerIdentity

    public init(catalog: PostgresCatalog, worker: WorkerIdentity) {
        self.catalog = catalog
        self.worker = worker
    }

    /// Records the worker, so `status` lists it.
    public func register() throws(CatalogError) {
        let jobs = worker.jobs.map(\.rawValue).joined(separator: ",")
        try catalog.session.run("""
            INSERT INTO worker (id, host, pid, jobs) VALUES (\(worker.id), \(worker.host), \(worker.pid), \(jobs))
            ON CONFLICT (id) DO UPDATE SET seen_at = now(), finished_at = NULL
            """)
    }

    /// Gives back this worker's unfinished leases in every queue, so others take them at once (a
    /// clean stop): the attempt they counted is given back too.
    public func release() throws(CatalogError) {
        for table in ["work_item", "scan_item"] {
            try catalog.session.run(PostgresQuery(unsafeSQL: """
                UPDATE \(table) SET leased_by = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0)
                WHERE leased_by = $1 AND state = 'pending'
                """, binds: PostgresCatalog.binds(worker.id)))
        }
    }

    /// Records that the worker stopped cleanly.
    public func finish() throws(CatalogError) {
        try catalog.session.run("UPDATE worker SET finished_at = now(), seen_at = now() WHERE id = \(worker.id)")
    }

    /// Inside a claim's or a completion's transaction: notes that the worker was seen now and
    /// completed `done` more items.
    static func seen(_ worker: WorkerIdentity, done: Int = 0, with sql: PostgresStatements) throws(CatalogError) {
        try sql.run("UPDATE worker SET done = done + \(done), seen_at = now() WHERE id = \(worker.id)")
    }
}
