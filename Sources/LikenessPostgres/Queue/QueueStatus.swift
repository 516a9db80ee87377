/// What the shared catalog's queue holds and who works on it, as `likeness status` shows it.
public struct QueueStatus: Sendable, Codable, Equatable {
    /// A queue's items by state; the same for the work queue's tasks and the scan queue's roots.
    public struct ItemCounts: Sendable, Codable, Equatable {
        /// Waiting for a worker, never leased or released.
        public var pending = 0
        /// Held by a worker whose lease has not expired.
        public var leased = 0
        /// Held by a worker whose lease expired (it died or stalled): the next claim takes them again.
        public var expired = 0
        /// Done: stored (or, for a scan, read and catalogued or found unchanged).
        public var done = 0
        /// Items that failed (an unreadable image) or whose leases expired too often.
        public var failed = 0

        public init(pending: Int = 0, leased: Int = 0, expired: Int = 0, done: Int = 0, failed: Int = 0) {
            (self.pending, self.leased, self.expired, self.done, self.failed) = (pending, leased, expired, done, failed)
        }

        /// The SQL select list that counts a queue table's rows (`state`, `lease_until`) in the
        /// order of ``init(pending:leased:expired:done:failed:)``.
        static let selectList = """
            count(*) FILTER (WHERE state = 'pending' AND lease_until IS NULL),
            count(*) FILTER (WHERE state = 'pending' AND lease_until >= now()),
            count(*) FILTER (WHERE state = 'pending' AND lease_until < now()),
            count(*) FILTER (WHERE state = 'done'),
            count(*) FILTER (WHERE state = 'failed')
            """

        /// `2 pending, 0 leased, 0 expired, 5 done, 1 failed`.
        public var summary: String { "\(pending) pending, \(leased) leased, \(expired) expired, \(done) done, \(failed) failed" }
    }

    /// Counts of one task's items by state; `counts.pending` reads ``ItemCounts/pending``, and
    /// JSON carries the counts beside `task` (``KeyedItemCounts``).
    public struct TaskCounts: KeyedItemCounts, Sendable, Equatable {
        public var task: WorkTask
        public var items: ItemCounts
        public static let keyName = "task"
        public var key: WorkTask { task }

        public init(task: WorkTask, items: ItemCounts = ItemCounts()) {
            self.task = task
            self.items = items
        }
        public init(key: WorkTask, items: ItemCounts) { self.init(task: key, items: items) }
    }

    /// Counts of one scan root's items by state (`worker --jobs scan --root DIR`), read as
    /// ``TaskCounts`` are, beside `root`.
    public struct ScanCounts: KeyedItemCounts, Sendable, Equatable {
        /// The absolute folder the items were listed under.
        public var root: String
        public var items: ItemCounts
        public static let keyName = "root"
        public var key: String { root }

        public init(root: String, items: ItemCounts = ItemCounts()) {
            self.root = root
            self.items = items
        }
        public init(key: String, items: ItemCounts) { self.init(root: key, items: items) }
    }

    /// One worker that registered with the queue.
    public struct Worker: Sendable, Codable, Equatable {
        public var identity: WorkerIdentity
        /// Items it completed.
        public var done: Int
        /// Seconds since it last claimed or completed work.
        public var secondsSinceSeen: Double
        /// Seconds since it started.
        public var secondsRunning: Double
        /// True once it stopped cleanly (drained queue or Ctrl-C); a killed worker never says so.
        public var finished: Bool
    }

    /// Images present and decodable in the catalog.
    public var images: Int
    public var tasks: [TaskCounts]
    /// The scan queue, one entry per root, in path order.
    public var scans: [ScanCounts]
    /// Workers, most recently seen first.
    public var workers: [Worker]
}
