import Foundation
import LikenessCatalog
import LikenessCore
import PostgresNIO

/// One worker's view of one task's queue in a shared catalog.
///
/// Items are claimed with `SELECT … FOR UPDATE SKIP LOCKED` under a lease that expires: two
/// workers never claim the same item at once, and an item whose worker died is claimed again once
/// its lease runs out. A result is stored only in the transaction that marks the item done, and
/// only while the item is still leased to this worker and not done, so each item's result is
/// stored exactly once even when a stalled worker comes back after its lease was taken over.
public struct PostgresWorkQueue: LeasedQueue {
    public let catalog: PostgresCatalog
    public let task: WorkTask
    public let worker: WorkerIdentity
    /// How long a claim holds its items. A worker must finish a batch well within it.
    public let leaseSeconds: Double
    /// Leases an item may expire before it is marked failed rather than claimed again (an image
    /// that kills every worker that reads it).
    public let maxAttempts: Int

    public init(catalog: PostgresCatalog, task: WorkTask, worker: WorkerIdentity, leaseSeconds: Double = 60, maxAttempts: Int = 5) {
        self.catalog = catalog
        self.task = task
        self.worker = worker
        self.leaseSeconds = leaseSeconds
        self.maxAttempts = max(1, maxAttempts)
    }

    var session: PostgresSession { catalog.session }

    /// Records the worker, so `status` lists it (``WorkerRecord/register()``).
    public func register() throws(CatalogError) {
        try WorkerRecord(catalog: catalog, worker: worker).register()
    }

    /// Adds an item for every present, decodable image without a current result of the task;
    /// items already queued are left as they are. Returns how many were added.
    @discardableResult
    public func enqueue() throws(CatalogError) -> Int {
        var binds = PostgresBindings()
        binds.append(task.kind.rawValue)
        binds.append(task.method)
        binds.append(task.version)
        let lacking: String
        switch task.kind {
        case .embed:
            lacking = "id NOT IN (SELECT image_id FROM image_embedding WHERE model_id = $2 AND model_sha256 = $3)"
        case .hash:
            // A task built by `WorkTask.hashing` always names a method; any other has nothing to queue.
            guard let method = task.perceptualMethod else { return 0 }
            lacking = "id NOT IN (SELECT image_id FROM \(PostgresCatalog.table(of: method)) WHERE method = $2)"
        case .scan:
            // Scanning is a queue of paths of its own (`PostgresScanQueue`), never of images.
            return 0
        }
        return try session.rows(PostgresQuery(unsafeSQL: """
            WITH added AS (
                INSERT INTO work_item (kind, image_id, method, version)
                SELECT $1, id, $2, $3 FROM image
                WHERE NOT gone AND failure_kind IS NULL AND width IS NOT NULL AND \(lacking)
                ON CONFLICT (kind, image_id, method, version) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM added
            """, binds: binds)) { try $0.decode(Int.self) }.first ?? 0
    }

    /// Leases up to `limit` items that are pending and not leased (or whose lease expired), oldest
    /// first, skipping rows other workers are claiming at this moment.
    public func claim(limit: Int) throws(CatalogError) -> [WorkItem] {
        let columns = PostgresCatalog.imageColumns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        return try session.transaction { (sql: PostgresStatements) throws(CatalogError) -> [WorkItem] in
            try sql.run("""
                UPDATE work_item SET state = 'failed', leased_by = NULL, lease_until = NULL,
                    failure = 'its lease expired ' || attempts || ' times: the worker that read it stopped each time'
                WHERE kind = \(task.kind.rawValue) AND method = \(task.method) AND version = \(task.version)
                AND state = 'pending' AND lease_until < now() AND attempts >= \(maxAttempts)
                """)
            var binds = PostgresBindings()
            binds.append(worker.id)
            binds.append(leaseSeconds)
            binds.append(task.kind.rawValue)
            binds.append(task.method)
            binds.append(task.version)
            binds.append(maxAttempts)
            binds.append(max(1, limit))
            let rows = try sql.run(PostgresQuery(unsafeSQL: """
                UPDATE work_item w SET leased_by = $1, lease_until = now() + make_interval(secs => $2), attempts = w.attempts + 1
                FROM image i
                WHERE i.id = w.image_id AND w.id IN (
                    SELECT id FROM work_item
                    WHERE kind = $3 AND method = $4 AND version = $5 AND state = 'pending'
                    AND (lease_until IS NULL OR lease_until < now()) AND attempts < $6
                    ORDER BY id LIMIT $7
                    FOR UPDATE SKIP LOCKED)
                RETURNING w.id AS item_id, \(columns)
                """, binds: binds))
            try WorkerRecord.seen(worker, with: sql)
            do {
                return try rows.map { row in
                    WorkItem(id: try row.makeRandomAccess()["item_id"].decode(Int64.self), image: try PostgresCatalog.image(from: row))
                }.sorted { $0.id < $1.id }
            } catch {
                throw PostgresFailure.running(error, location: catalog.location)
            }
        }
    }
}
