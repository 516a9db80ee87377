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
    /// JSON carries the counts beside `task`.
    @dynamicMemberLookup
    public struct TaskCounts: Sendable, Codable, Equatable {
        public var task: WorkTask
        public var items: ItemCounts

        public init(task: WorkTask, items: ItemCounts = ItemCounts()) {
            self.task = task
            self.items = items
        }

        public subscript(dynamicMember keyPath: WritableKeyPath<ItemCounts, Int>) -> Int {
            get { items[keyPath: keyPath] }
            set { items[keyPath: keyPath] = newValue }
        }

        private enum CodingKeys: String, CodingKey { case task }
        public init(from decoder: any Decoder) throws {
            task = try decoder.container(keyedBy: CodingKeys.self).decode(WorkTask.self, forKey: .task)
            items = try ItemCounts(from: decoder)
        }
        public func encode(to encoder: any Encoder) throws {
            try items.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(task, forKey: .task)
        }
    }

    /// Counts of one scan root's items by state (`worker --jobs scan --root DIR`), read as
    /// ``TaskCounts`` are.
    @dynamicMemberLookup
    public struct ScanCounts: Sendable, Codable, Equatable {
        /// The absolute folder the items were listed under.
        public var root: String
        public var items: ItemCounts

        public init(root: String, items: ItemCounts = ItemCounts()) {
            self.root = root
            self.items = items
        }

        public subscript(dynamicMember keyPath: WritableKeyPath<ItemCounts, Int>) -> Int {
            get { items[keyPath: keyPath] }
            set { items[keyPath: keyPath] = newValue }
        }

        private enum CodingKeys: String, CodingKey { case root }
        public init(from decoder: any Decoder) throws {
            root = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .root)
            items = try ItemCounts(from: decoder)
        }
        public func encode(to encoder: any Encoder) throws {
            try items.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(root, forKey: .root)
        }
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
