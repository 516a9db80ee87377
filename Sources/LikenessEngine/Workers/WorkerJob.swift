import Foundation
import LikenessCore
import LikenessPostgres

/// `worker`: takes items from a shared catalog's queue and does them until the queue is drained.
///
/// Any number of workers on any number of machines may run against one PostgreSQL catalog. Each
/// adds the images that lack a current vector to the queue, then claims items in small groups under
/// a lease (``PostgresWorkQueue``), embeds them through the one ``BatchEmbedder``, and stores each
/// batch in the transaction that marks its items done. A worker that is killed loses only its
/// leases: once they expire, the others take those items again. A worker with nothing to claim
/// while others still hold items waits, so the last one to stop knows the queue is empty.
public struct WorkerJob: Job {
    /// The kinds of work to take. Default: embedding.
    public var jobs: [WorkKind]
    /// Embedding model id. Default: EfficientNet-Lite0.
    public var model: String
    /// ONNX Runtime threads. Default 1.
    public var threads: Int
    /// Images per model run. Default 16.
    public var batchSize: Int
    /// Threads that read and decode. Default 1.
    public var decodeWorkers: Int
    /// Seconds a claim holds its items; a worker must embed a claim (two batches) well within it. Default 60.
    public var leaseSeconds: Double
    /// Seconds between looks at the queue while other workers hold the last items. Default 0.5.
    public var pollSeconds: Double

    public init(jobs: [WorkKind] = [.embed], model: String = ModelDefaults.model, threads: Int = 1, batchSize: Int = 16,
                decodeWorkers: Int = 1, leaseSeconds: Double = 60, pollSeconds: Double = 0.5) {
        self.jobs = jobs
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
        guard jobs.contains(.embed) else { throw .invalidInput("give --jobs embed") }
        let catalog = try context.openSharedCatalog()
        let opened = try context.models.open(model, threads: threads)
        let identity = WorkerIdentity(jobs: jobs)
        let queue = PostgresWorkQueue(catalog: catalog, task: WorkTask(kind: .embed, method: opened.base.id, version: opened.base.fingerprint),
                                      worker: identity, leaseSeconds: leaseSeconds)
        var summary = WorkerSummary(worker: identity, model: opened.base.id)
        let started = Date()
        do {
            try queue.register()
            summary.enqueued = try queue.enqueue()
            try drain(queue, input: opened.input, model: opened.base, summary: &summary, context: context)
            try queue.finish()
        } catch is Cancelled {
            summary.interrupted = true
            try? queue.release()
            try? queue.finish()
        } catch {
            throw .wrapping(error)
        }
        summary.seconds = Date().timeIntervalSince(started)
        summary.imagesPerSecond = summary.seconds > 0 ? Double(summary.embedded) / summary.seconds : 0
        return summary
    }

    /// Claims, embeds and completes until nothing is left: no item to claim, none held by another
    /// worker, and nothing new to add.
    private func drain(_ queue: PostgresWorkQueue, input: EmbeddingInput, model: any EmbeddingModel,
                       summary: inout WorkerSummary, context: JobContext) throws {
        let embedder = BatchEmbedder(model: model, batchSize: batchSize, decodeWorkers: decodeWorkers)
        context.progress.begin("embed", total: nil)
        defer { context.progress.end("embed") }
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
                // Images another machine scanned in meanwhile become items; none: the queue is drained.
                let added = try queue.enqueue()
                summary.enqueued += added
                if added == 0 { return }
                continue
            }
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
                summary.failed += completion.failed
                summary.lost += completion.lost
                summary.failures += failures.map(\.message)
                context.progress.advance("embed", completed: summary.embedded + summary.failed, total: nil)
            }
        }
    }
}
