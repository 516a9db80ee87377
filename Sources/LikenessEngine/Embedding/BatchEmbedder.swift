import Dispatch
import Foundation
import LikenessAnalysis
import LikenessCore

/// The one batch loop that turns images into vectors: while the model runs on one batch, the next
/// batch is read and decoded on other threads.
///
/// Every job that embeds (filling the catalog, scoring labelled pairs, evaluation, benchmarks)
/// goes through here, so overlap, failure handling and cancellation are written once.
public struct BatchEmbedder: Sendable {
    public let model: any EmbeddingModel
    /// Images per model run. Default 16.
    public let batchSize: Int
    /// Threads that read and decode. Default 1 (the model's own threads take the other cores).
    public let decodeWorkers: Int
    /// Parts of each batch given to the model at once, each on its own thread. Default 1.
    ///
    /// With a one-thread model, two parts let the model use both cores of a 2-core machine while
    /// decoding is cheap (small files), and share them with the decoders when it is not: the
    /// threads block rather than spin, so the system hands each core to whichever stage has work.
    public let modelWorkers: Int

    public init(model: any EmbeddingModel, batchSize: Int = 16, decodeWorkers: Int = 1, modelWorkers: Int = 1) {
        self.model = model
        self.batchSize = max(1, batchSize)
        self.decodeWorkers = max(1, decodeWorkers)
        self.modelWorkers = max(1, modelWorkers)
    }

    /// One image's outcome: its position in the input and its vector or why it has none.
    public typealias Outcome = (index: Int, result: Result<[Float], ItemFailure>)

    /// Time spent, for summaries and benchmarks.
    public struct Timing: Sendable, Codable, Equatable {
        /// Seconds spent reading and decoding, summed over decode threads.
        public var decodeSeconds = 0.0
        /// Seconds spent in the model.
        public var inferenceSeconds = 0.0
    }

    /// Embeds `count` images whose model input `prepare(i)` produces, in batches.
    ///
    /// - Parameters:
    ///   - cancellation: checked between batches; a cancelled run delivers nothing more and throws ``Cancelled``.
    ///   - deliver: called after each batch, in order, with every image of the batch.
    public func embed(count: Int, cancellation: CancellationToken? = nil,
                      prepare: @escaping @Sendable (Int) throws(ItemFailure) -> PixelBuffer,
                      deliver: ([Outcome]) throws -> Void) throws -> Timing {
        var timing = Timing()
        let batches = stride(from: 0, to: count, by: batchSize).map { $0..<min($0 + batchSize, count) }
        var pending = batches.first.map { decodeLater($0, prepare) }
        for position in batches.indices {
            let decoded = pending!.wait()
            try cancellation?.check()
            pending = position + 1 < batches.count ? decodeLater(batches[position + 1], prepare) : nil
            timing.decodeSeconds += decoded.seconds
            var outcomes: [Outcome] = decoded.failures.map { ($0.index, .failure($0.failure)) }
            if !decoded.ready.isEmpty {
                let started = Date()
                let results = try run(decoded.ready.map(\.pixels))
                timing.inferenceSeconds += Date().timeIntervalSince(started)
                outcomes += zip(decoded.ready, results).map { ($0.index, $1) }
            }
            try deliver(outcomes.sorted { $0.index < $1.index })
        }
        return timing
    }

    /// Embeds image files, each decoded as `input` asks.
    public func embed(_ sources: [ImageSource], input: EmbeddingInput, cancellation: CancellationToken? = nil,
                      deliver: ([Outcome]) throws -> Void) throws -> Timing {
        try embed(count: sources.count, cancellation: cancellation, prepare: { index throws(ItemFailure) in
            try sources[index].pixels(for: input)
        }, deliver: deliver)
    }

    /// The model's results for `images`, in order: the batch cut into ``modelWorkers`` runs of
    /// consecutive images, run at once (the model's `embed` is safe to call from several threads).
    /// The first run that throws decides the error.
    func run(_ images: [PixelBuffer]) throws -> [Result<[Float], ItemFailure>] {
        let parts = min(modelWorkers, images.count)
        guard parts > 1 else { return try model.embed(images) }
        let size = (images.count + parts - 1) / parts
        let runs = stride(from: 0, to: images.count, by: size).map { Array(images[$0..<min($0 + size, images.count)]) }
        let model = self.model
        return try ParallelWork.map(runs, workers: runs.count) { run in Result { try model.embed(run) } }.flatMap { try $0.get() }
    }

    /// A decoded batch.
    struct Decoded: Sendable {
        var ready: [(index: Int, pixels: PixelBuffer)] = []
        var failures: [(index: Int, failure: ItemFailure)] = []
        var seconds = 0.0
    }

    /// Starts reading and decoding a batch on background threads.
    private func decodeLater(_ range: Range<Int>, _ prepare: @escaping @Sendable (Int) throws(ItemFailure) -> PixelBuffer) -> PendingBatch {
        let pending = PendingBatch()
        let workers = decodeWorkers
        DispatchQueue.global().async {
            let outcomes = ParallelWork.map(Array(range), workers: workers) { index -> (Result<PixelBuffer, ItemFailure>, Double) in
                let started = Date()
                do throws(ItemFailure) {
                    let pixels = try prepare(index)
                    return (.success(pixels), Date().timeIntervalSince(started))
                } catch {
                    return (.failure(error), Date().timeIntervalSince(started))
                }
            }
            var decoded = Decoded()
            decoded.seconds = outcomes.reduce(0) { $0 + $1.1 }
            for (index, (outcome, _)) in zip(range, outcomes) {
                switch outcome {
                case .success(let pixels): decoded.ready.append((index, pixels))
                case .failure(let failure): decoded.failures.append((index, failure))
                }
            }
            pending.fulfil(decoded)
        }
        return pending
    }
}

/// A decoded batch that another thread is still producing.
final class PendingBatch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: BatchEmbedder.Decoded?

    func fulfil(_ decoded: BatchEmbedder.Decoded) {
        value = decoded
        done.signal()
    }

    func wait() -> BatchEmbedder.Decoded {
        done.wait()
        return value!
    }
}

extension ImageSource {
    /// Reads the file and decodes it to what `input`'s model takes.
    public func pixels(for input: EmbeddingInput) throws(ItemFailure) -> PixelBuffer {
        let bytes = try bytes()
        do { return try input.pixels(from: bytes, path: path) } catch { throw error.itemFailure }
    }
}
