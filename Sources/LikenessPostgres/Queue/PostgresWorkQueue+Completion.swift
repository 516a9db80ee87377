import Foundation
import LikenessCatalog
import LikenessCore
import PostgresNIO

extension PostgresWorkQueue {
    /// What completing a batch stored.
    public struct Completion: Sendable, Equatable {
        /// Items whose result was stored and that are now done.
        public var stored = 0
        /// Items marked failed (an image that cannot be read).
        public var failed = 0
        /// Items no longer leased to this worker (its lease expired and another worker took them,
        /// or a re-scan replaced them): their results were dropped, not stored a second time.
        public var lost = 0

        public init(stored: Int = 0, failed: Int = 0, lost: Int = 0) {
            self.stored = stored
            self.failed = failed
            self.lost = lost
        }
    }

    /// In one transaction: marks the items that are still this worker's as done (or failed), stores
    /// the vectors of those done, and counts them on the worker.
    public func complete(vectors: [(item: WorkItem, vector: [Float])], failures: [(item: WorkItem, message: String)]) throws(CatalogError) -> Completion {
        try complete(vectors.map(\.item), failures: failures) { (owned: Set<Int64>, sql: PostgresStatements) throws(CatalogError) in
            let rows = vectors.filter { owned.contains($0.item.id) }.map { (imageID: $0.item.image.id, vector: $0.vector) }
            try PostgresCatalog.storeEmbeddings(rows, model: task.method, fingerprint: task.version, with: sql)
        }
    }

    /// As ``complete(vectors:failures:)``, for perceptual hashes: each done item's values of every
    /// method are stored with it.
    public func complete(hashes: [(item: WorkItem, values: [(method: PerceptualMethod, value: PerceptualValue)])],
                         failures: [(item: WorkItem, message: String)]) throws(CatalogError) -> Completion {
        try complete(hashes.map(\.item), failures: failures) { (owned: Set<Int64>, sql: PostgresStatements) throws(CatalogError) in
            let rows = PerceptualRows(hashes.filter { owned.contains($0.item.id) }.flatMap { done in
                done.values.map { (imageID: done.item.image.id, method: $0.method, value: $0.value) }
            })
            try PostgresCatalog.storeHashes(rows.bits, with: sql)
            try PostgresCatalog.storeFeatures(rows.features, with: sql)
        }
    }

    /// Marks the `done` items still leased to this worker as done and calls `store` with their ids
    /// in the same transaction, marks the failures failed, and counts both on the worker.
    private func complete(_ done: [WorkItem], failures: [(item: WorkItem, message: String)],
                          store: (Set<Int64>, PostgresStatements) throws(CatalogError) -> Void) throws(CatalogError) -> Completion {
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) -> Completion in
            var completion = Completion()
            let doneIDs = try sql.rows("""
                UPDATE work_item SET state = 'done', done_by = \(worker.id), done_at = now(), leased_by = NULL, lease_until = NULL
                WHERE id = ANY(\(done.map(\.id))) AND leased_by = \(worker.id) AND state = 'pending'
                RETURNING id
                """) { try $0.decode(Int64.self) }
            let owned = Set(doneIDs)
            try store(owned, sql)
            completion.stored = done.filter { owned.contains($0.id) }.count
            for failure in failures {
                let marked = try sql.run("""
                    UPDATE work_item SET state = 'failed', failure = \(failure.message), done_by = \(worker.id), done_at = now(),
                        leased_by = NULL, lease_until = NULL
                    WHERE id = \(failure.item.id) AND leased_by = \(worker.id) AND state = 'pending' RETURNING id
                    """)
                completion.failed += marked.count
            }
            completion.lost = done.count + failures.count - completion.stored - completion.failed
            try WorkerRecord.seen(worker, done: completion.stored + completion.failed, with: sql)
            return completion
        }
    }

    /// Items of the task not done: those a claim could take now, and those other workers hold
    /// under live leases (a worker with none to take waits for these, in case their worker dies).
    public func remaining() throws(CatalogError) -> (claimable: Int, leasedElsewhere: Int) {
        try session.rows("""
            SELECT count(*) FILTER (WHERE (lease_until IS NULL OR lease_until < now()) AND attempts < \(maxAttempts)),
                   count(*) FILTER (WHERE lease_until >= now() AND leased_by <> \(worker.id))
            FROM work_item
            WHERE kind = \(task.kind.rawValue) AND method = \(task.method) AND version = \(task.version) AND state = 'pending'
            """) { try $0.decode((Int, Int).self) }.first.map { (claimable: $0.0, leasedElsewhere: $0.1) } ?? (0, 0)
    }

    /// Gives back this worker's unfinished leases, in this queue and every other (``WorkerRecord/release()``).
    public func release() throws(CatalogError) {
        try WorkerRecord(catalog: catalog, worker: worker).release()
    }

    /// Records that the worker stopped cleanly (``WorkerRecord/finish()``).
    public func finish() throws(CatalogError) {
        try WorkerRecord(catalog: catalog, worker: worker).finish()
    }
}
