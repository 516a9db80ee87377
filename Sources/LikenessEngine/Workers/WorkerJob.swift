import Foundation
import LikenessCore
import LikenessPostgres

/// `worker`: takes items from a shared catalog's queue and does them until the queue is drained.
///
/// Any number of workers on any number of machines may run against one PostgreSQL catalog. Given
/// ``WorkKind/scan``, a worker first scans ``roots`` as `likeness scan` does, sharing the reading
/// with the others (``PostgresScanQueue``, see `WorkerJob+Scanning.swift`). Then, for each other
/// kind of work it was given (hashing first, then embedding), a worker adds the images that
/// lack a current result to that task's queue, then claims items in small groups under a lease
/// (``PostgresWorkQueue``), hashes them on every core or embeds them through the one
/// ``BatchEmbedder``, and stores each group in the transaction that marks its items done. A worker
/// that is killed loses only its leases: once they expire, the others take those items again. A
/// worker with nothing to claim while others still hold items waits, so the last one to stop knows
/// the queue is empty.
public struct WorkerJob: Job {
    /// The kinds of work to take, done one task after the other (scanning first). Default: embedding.
    public var jobs: [WorkKind]
    /// Folders to scan (``WorkKind/scan``), one after the other; needed for scanning, refused without it.
    public var roots: [String]
    /// Perceptual methods to compute (``WorkKind/hash``), one task each. Default: pHash.
    public var hashMethods: [PerceptualMethod]
    /// Embedding model id. Default: EfficientNet-Lite0.
    public var model: String
    /// ONNX Runtime threads. Default 1.
    public var threads: Int
    /// Images per model run, and half the images of one claim. Default 16.
    public var batchSize: Int
    /// Threads that read and decode. Default one per core; beside them the model runs one part of
    /// each batch per core, shared out among its `threads`, as `embed` does (``EmbeddingIndexer/modelParts(threads:)``).
    public var decodeWorkers: Int
    /// Seconds a claim holds its items; a worker must embed a claim (two batches) well within it. Default 60.
    public var leaseSeconds: Double
    /// Seconds between looks at the queue while other workers hold the last items. Default 0.5.
    public var pollSeconds: Double

    public init(jobs: [WorkKind] = [.embed], roots: [String] = [], hashMethods: [PerceptualMethod] = [.bits(.pHash)], model: String = ModelDefaults.model, threads: Int = 1, batchSize: Int = 16,
                decodeWorkers: Int = EmbeddingIndexer.perCore, leaseSeconds: Double = 60, pollSeconds: Double = 0.5) {
        self.jobs = jobs
        self.roots = roots
        self.hashMethods = hashMethods
        self.model = model
        self.threads = threads
        self.batchSize = batchSize
        self.decodeWorkers = decodeWorkers
        self.leaseSeconds = leaseSeconds
        self.pollSeconds = pollSeconds
    }

    public func run(in context: JobContext) throws(JobError) -> WorkerSummary {
        guard batchSize >= 1 else { throw .invalidInput("--batch must be at least 1") }
        guard leaseSeconds > 0, pollSeconds > 0 else { throw .invalidInput("--lease and the poll interval must be positive") }
        if jobs.contains(.hash) && hashMethods.isEmpty { throw .invalidInput("give a hash method for --jobs hash") }
        try checkScanning(in: context)
        let catalog = try context.openSharedCatalog()
        let opened = jobs.contains(.embed) ? try context.models.open(model, threads: threads) : nil
        let identity = WorkerIdentity(jobs: jobs)
        // Hashing first (it is cheaper), one task per method; then embedding.
        var tasks = jobs.contains(.hash) ? hashMethods.map(WorkTask.hashing) : []
        if let opened { tasks.append(WorkTask(kind: .embed, method: opened.base.id, version: opened.base.fingerprint)) }
        let queues = tasks.map { PostgresWorkQueue(catalog: catalog, task: $0, worker: identity, leaseSeconds: leaseSeconds) }
        guard !queues.isEmpty || jobs.contains(.scan) else {
            throw .invalidInput("give --jobs \(WorkKind.allCases.map(\.rawValue).joined(separator: ","))")
        }
        // Registering, releasing and finishing act on the worker's rows, whichever queue it works.
        let record = WorkerRecord(catalog: catalog, worker: identity)
        var summary = WorkerSummary(worker: identity, model: opened?.base.id)
        let started = Date()
        do {
            try record.register()
            if jobs.contains(.scan) {
                for root in roots.map(FileWalker.absolute) { try scan(root, catalog: catalog, worker: identity, summary: &summary, context: context) }
            }
            for queue in queues {
                if let method = queue.task.perceptualMethod {
                    try drainHashing(queue, method: method, summary: &summary, context: context)
                } else if let opened {
                    try drainEmbedding(queue, input: opened.input, model: opened.base, summary: &summary, context: context)
                }
            }
            try record.finish()
        } catch is Cancelled {
            summary.interrupted = true
            try? record.release()
            try? record.finish()
        } catch {
            throw .wrapping(error)
        }
        summary.seconds = Date().timeIntervalSince(started)
        summary.imagesPerSecond = summary.seconds > 0 ? Double(summary.scanned + summary.embedded + summary.hashed) / summary.seconds : 0
        return summary
    }

    /// Queues the task's missing work, then claims and hands each claim to `process` until nothing
    /// is left: no item to claim, none held by another worker, and nothing new to add.
    func drain(_ queue: PostgresWorkQueue, summary: inout WorkerSummary, context: JobContext,
               process: ([WorkItem], inout WorkerSummary) throws -> Void) throws {
        let phase = queue.task.kind.rawValue
        context.progress.begin(phase, total: nil)
        defer { context.progress.end(phase) }
        summary.enqueued += try queue.enqueue()
        // Images another machine scanned in meanwhile become items; none: the queue is drained.
        try drain(queue, summary: &summary, context: context, refill: { try queue.enqueue() }, process: process)
    }

    /// Claims and hands each claim to `process` until nothing is left: no item to claim, none held
    /// by another worker (a worker with nothing to claim while others hold items waits, in case
    /// their worker dies), and nothing new from `refill` (counted as queued).
    func drain<Queue: LeasedQueue>(_ queue: Queue, summary: inout WorkerSummary, context: JobContext, refill: () throws -> Int,
                                   process: ([Queue.Item], inout WorkerSummary) throws -> Void) throws {
        while true {
            try context.cancellation.check()
            let items = try queue.claim(limit: batchSize * 2)
            if items.isEmpty {
                let left = try queue.remaining()
                if left.claimable > 0 { continue }
                if left.leasedElsewhere > 0 {
                    summary.waits += 1
                    Thread.sleep(forTimeInterval: min(pollSeconds, leaseSeconds / 4))
                    continue
                }
                let added = try refill()
                summary.enqueued += added
                if added == 0 { return }
                continue
            }
            try process(items, &summary)
        }
    }

    /// Counts a completed group on the summary and the progress line.
    func tally(_ completion: PostgresWorkQueue.Completion, failures: [String], done: Int, summary: inout WorkerSummary, context: JobContext,
               phase: WorkKind) {
        summary.failed += completion.failed
        summary.lost += completion.lost
        summary.failures += failures
        context.progress.advance(phase.rawValue, completed: done + summary.failed, total: nil)
    }

    /// Embeds each claim through the one batch embedder (the next batch decodes while the model runs).
    private func drainEmbedding(_ queue: PostgresWorkQueue, input: EmbeddingInput, model: any EmbeddingModel,
                                summary: inout WorkerSummary, context: JobContext) throws {
        let embedder = BatchEmbedder(model: model, batchSize: batchSize, decodeWorkers: decodeWorkers,
                                     modelWorkers: EmbeddingIndexer.modelParts(threads: threads))
        try drain(queue, summary: &summary, context: context) { items, summary in
            let sources = items.map { ImageSource($0.image) }
            _ = try embedder.embed(count: items.count, cancellation: context.cancellation, prepare: { [input] index throws(ItemFailure) in
                try sources[index].pixels(for: input)
            }) { outcomes in
                var vectors: [(item: WorkItem, vector: [Float])] = []
                var failures: [(item: WorkItem, message: String)] = []
                for (index, result) in outcomes {
                    switch result {
                    case .success(let vector): vectors.append((items[index], vector))
                    case .failure(let failure): failures.append((items[index], failure.message))
                    }
                }
                let completion = try queue.complete(vectors: vectors, failures: failures)
                summary.embedded += completion.stored
                tally(completion, failures: failures.map(\.message), done: summary.embedded, summary: &summary, context: context, phase: .embed)
            }
        }
    }
}
