import Dispatch
import Foundation
import LikenessCatalog
import LikenessAnalysis
import LikenessCore
import LikenessEmbedding
import LikenessImaging

/// Fills the catalog with the vectors a model has not made yet. While the model runs on one
/// batch, the next batch is read and decoded on other threads.
public struct EmbeddingIndexer: Sendable {
    public let catalog: Catalog
    public let model: any EmbeddingModel
    public let input: EmbeddingInput
    /// Images per model run. Default 16.
    public let batchSize: Int
    /// Threads that read and decode. Default 1 (the model's own threads take the other cores).
    public let decodeWorkers: Int

    public init(catalog: Catalog, model: any EmbeddingModel, input: EmbeddingInput, batchSize: Int = 16, decodeWorkers: Int = 1) {
        self.catalog = catalog
        self.model = model
        self.input = input
        self.batchSize = max(1, batchSize)
        self.decodeWorkers = max(1, decodeWorkers)
    }

    /// What one run did.
    public struct Summary: Sendable, Codable {
        public var model: String
        public var embedded = 0
        /// Vectors from other weights of the same model id that were replaced or remain stale.
        public var staleBefore = 0
        public var skipped: [ScannedFailure] = []
        public var seconds = 0.0
        /// Seconds spent reading and decoding, summed over decode threads.
        public var decodeSeconds = 0.0
        /// Seconds spent in the model.
        public var inferenceSeconds = 0.0
        public var imagesPerSecond = 0.0

        init(model: String) { self.model = model }
    }

    /// A decoded batch: the images that decoded, and the failures of those that did not.
    struct Decoded: Sendable {
        var images: [(image: CatalogImage, pixels: PixelBuffer)] = []
        var failures: [ScannedFailure] = []
        var seconds = 0.0
    }

    /// Embeds every present image under `roots` (all when nil) that lacks a current vector.
    public func fill(under roots: [String]? = nil, progress: any ProgressReporter = SilentProgress()) throws -> Summary {
        let started = Date()
        var summary = Summary(model: model.id)
        summary.staleBefore = try catalog.staleEmbeddingCount(model: model.id, fingerprint: model.fingerprint)
        let todo = try catalog.imagesMissingEmbedding(model: model.id, fingerprint: model.fingerprint, under: roots)
        let batches = stride(from: 0, to: todo.count, by: batchSize).map { Array(todo[$0..<min($0 + batchSize, todo.count)]) }
        progress.begin("embed", total: todo.count)
        var done = 0
        var pending = batches.first.map(decodeLater)
        for index in batches.indices {
            let decoded = pending!.wait()
            pending = index + 1 < batches.count ? decodeLater(batches[index + 1]) : nil
            summary.decodeSeconds += decoded.seconds
            summary.skipped += decoded.failures
            if !decoded.images.isEmpty {
                let inferenceStart = Date()
                let results = try model.embed(decoded.images.map(\.pixels))
                summary.inferenceSeconds += Date().timeIntervalSince(inferenceStart)
                var rows: [(imageID: Int64, vector: [Float])] = []
                for (item, result) in zip(decoded.images, results) {
                    switch result {
                    case .success(let vector): rows.append((item.image.id, vector))
                    case .failure(let failure):
                        summary.skipped.append(ScannedFailure(path: item.image.path, kind: failure.kind, message: failure.message))
                    }
                }
                try catalog.storeEmbeddings(rows, model: model.id, fingerprint: model.fingerprint)
                summary.embedded += rows.count
            }
            done += batches[index].count
            progress.advance("embed", completed: done, total: todo.count)
        }
        progress.end("embed")
        summary.seconds = Date().timeIntervalSince(started)
        summary.imagesPerSecond = summary.seconds > 0 ? Double(summary.embedded) / summary.seconds : 0
        return summary
    }

    /// Starts reading and decoding a batch on background threads.
    private func decodeLater(_ batch: [CatalogImage]) -> PendingBatch {
        let pending = PendingBatch()
        let (input, workers) = (self.input, decodeWorkers)
        DispatchQueue.global().async {
            let outcomes = ParallelWork.map(batch, workers: workers) { image -> (Result<PixelBuffer, ItemFailure>, Double) in
                let started = Date()
                guard let data = FileManager.default.contents(atPath: image.path) else {
                    return (.failure(ItemFailure(.unreadable, "\(image.path): cannot be read any more; run scan again")), 0)
                }
                do throws(ImagingError) {
                    let pixels = try input.pixels(from: Array(data), path: image.path)
                    return (.success(pixels), Date().timeIntervalSince(started))
                } catch {
                    return (.failure(error.itemFailure), Date().timeIntervalSince(started))
                }
            }
            var decoded = Decoded()
            decoded.seconds = outcomes.reduce(0) { $0 + $1.1 }
            for (image, (outcome, _)) in zip(batch, outcomes) {
                switch outcome {
                case .success(let pixels): decoded.images.append((image, pixels))
                case .failure(let failure): decoded.failures.append(ScannedFailure(path: image.path, kind: failure.kind, message: failure.message))
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
    private var value: EmbeddingIndexer.Decoded?

    func fulfil(_ decoded: EmbeddingIndexer.Decoded) {
        value = decoded
        done.signal()
    }

    func wait() -> EmbeddingIndexer.Decoded {
        done.wait()
        return value!
    }
}
