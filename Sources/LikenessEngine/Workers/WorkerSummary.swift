import LikenessCore
import LikenessPostgres

/// What one worker run did, as `likeness worker --json` prints it.
public struct WorkerSummary: Sendable, Codable {
    /// The worker's id in the queue (a fresh one per run), its machine and process.
    public var worker: WorkerIdentity
    /// The model whose vectors it made (nil when it did not embed).
    public var model: String?
    /// Items this run added to the queue (images without a current vector when it looked).
    public var enqueued = 0
    /// Files its listing added (or offered again) to the scan queue: new, changed or back from gone (`--jobs scan`).
    public var listed = 0
    /// Files it read and catalogued as good images (`--jobs scan`).
    public var scanned = 0
    /// Claimed files it found unchanged since they were catalogued, so did not read again.
    public var unchanged = 0
    /// Files it catalogued as failures (unreadable, not an image, truncated, …), and folders its
    /// listing could not enter; each with its typed reason in ``scanFailures``.
    public var scanFailed = 0
    public var scanFailures: [ScannedFailure] = []
    /// Catalogued files under the roots that left the folder, which it marked gone (rows kept).
    public var gone = 0
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
    /// Files scanned, hash values and vectors stored, per second of the run.
    public var imagesPerSecond = 0.0

    mutating func noteScan(_ failure: ItemFailure, path: String) {
        scanFailed += 1
        scanFailures.append(ScannedFailure(path: path, kind: failure.kind, message: failure.message))
    }

    init(worker: WorkerIdentity, model: String?) {
        self.worker = worker
        self.model = model
    }
}
