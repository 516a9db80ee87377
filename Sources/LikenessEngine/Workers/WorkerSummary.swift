import LikenessPostgres

/// What one worker run did, as `likeness worker --json` prints it.
public struct WorkerSummary: Sendable, Codable {
    /// The worker's id in the queue (a fresh one per run), its machine and process.
    public var worker: WorkerIdentity
    /// The model whose vectors it made (nil when it did not embed).
    public var model: String?
    /// Items this run added to the queue (images without a current vector when it looked).
    public var enqueued = 0
    /// Vectors it stored, each for an item it still held.
    public var embedded = 0
    /// Perceptual hash values it stored (one per image and method), each for an item it still held.
    public var hashed = 0
    /// Items it marked failed (an image that cannot be read), with the reasons.
    public var failed = 0
    public var failures: [String] = []
    /// Vectors or hashes it computed but dropped because the item was no longer its own (its lease expired
    /// and another worker took the item over): never stored twice.
    public var lost = 0
    /// Times it found nothing to claim while other workers still held items, and waited.
    public var waits = 0
    /// True when Ctrl-C stopped it; its unfinished items were handed back.
    public var interrupted = false
    public var seconds = 0.0
    public var imagesPerSecond = 0.0

    init(worker: WorkerIdentity, model: String?) {
        self.worker = worker
        self.model = model
    }
}
