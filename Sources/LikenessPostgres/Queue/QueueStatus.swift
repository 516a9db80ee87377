/// What the shared catalog's queue holds and who works on it, as `likeness status` shows it.
public struct QueueStatus: Sendable, Codable, Equatable {
    /// Counts of one task's items by state.
    public struct TaskCounts: Sendable, Codable, Equatable {
        public var task: WorkTask
        /// Waiting for a worker, never leased or released.
        public var pending = 0
        /// Held by a worker whose lease has not expired.
        public var leased = 0
        /// Held by a worker whose lease expired (it died or stalled): the next claim takes them again.
        public var expired = 0
        public var done = 0
        /// Items that failed (an unreadable image) or whose leases expired too often.
        public var failed = 0

        public init(task: WorkTask) { self.task = task }
    }

    /// Counts of one scan root's items by state (`worker --jobs scan --root DIR`).
    public struct ScanCounts: Sendable, Codable, Equatable {
        /// The absolute folder the items were listed under.
        public var root: String
        /// Listed, waiting for a worker to read them.
        public var pending = 0
        /// Claimed by a worker whose lease has not expired.
        public var leased = 0
        /// Claimed by a worker whose lease expired: the next claim takes them again.
        public var expired = 0
        /// Read and catalogued (or found unchanged).
        public var done = 0
        /// Catalogued as failures (unreadable, not an image, truncated, …) or whose leases expired too often.
        public var failed = 0

        public init(root: String) { self.root = root }
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
