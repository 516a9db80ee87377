import Foundation
import LikenessCatalog
import LikenessAnalysis
import LikenessCore
import LikenessEmbedding
import LikenessImaging

/// Fills the catalog with the vectors a model has not made yet. While the model runs on one
/// batch, the next batch is read and decoded on other threads.
public struct EmbeddingIndexer: Sendable {
    /// The SQLite catalog or a shared PostgreSQL one.
    public let catalog: any CatalogStore
    public let model: any EmbeddingModel
    public let input: EmbeddingInput
    /// Images per model run. Default 16.
    public let batchSize: Int
    /// Threads that read and decode. Default ``perCore``.
    public let decodeWorkers: Int
    /// Parts of a batch the model runs at once (``BatchEmbedder/modelWorkers``). Default ``perCore``,
    /// for a one-thread model (see ``modelParts(threads:)``).
    public let modelWorkers: Int

    /// The default for both kinds of worker: one per core. Measured on 2 cores (docs/benchmarks.md,
    /// "Both cores for the model"): with two of each, `embed` of 2,125 PNGs took 25.5–26.1 s where
    /// one decoder and one model thread took 31.1–32.1 s, for the same CPU time; a second decoder
    /// alone gained nothing, since the one model thread was then the bottleneck.
    public static let perCore = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Model parts to run at once by default when each run uses `threads` threads: the cores
    /// shared out, at least one (`--threads 2` on 2 cores runs one part, as before).
    public static func modelParts(threads: Int) -> Int { max(1, perCore / max(1, threads)) }

    public init(catalog: any CatalogStore, model: any EmbeddingModel, input: EmbeddingInput, batchSize: Int = 16,
                decodeWorkers: Int = perCore, modelWorkers: Int = perCore) {
        self.catalog = catalog
        self.model = model
        self.input = input
        self.batchSize = max(1, batchSize)
        self.decodeWorkers = max(1, decodeWorkers)
        self.modelWorkers = max(1, modelWorkers)
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
        /// The scan that came first, when the job was given folders.
        public var scan: ScanCount?

        init(model: String) { self.model = model }
    }

    /// Embeds every present image under `roots` (all when nil) that lacks a current vector.
    ///
    /// An image whose bytes cannot be decoded (corrupt, truncated, not an image) is recorded in the
    /// catalog as failed, as the scan records such a file: no later job tries it again until it
    /// changes. This makes the embedding pass the pixel check of a scan run with
    /// ``PixelCheck/deferred``.
    ///
    /// With `signals`, each such image's confirmation signals (dihedral pHashes, local features)
    /// are made from the same decode and stored, unless already stored: what `dupes` and `leakage`
    /// need next, without reading and decompressing every new file a second time.
    public func fill(under roots: [String]? = nil, signals: Bool = false, progress: any ProgressReporter = SilentProgress(),
                     cancellation: CancellationToken? = nil) throws -> Summary {
        let started = Date()
        var summary = Summary(model: model.id)
        summary.staleBefore = try catalog.staleEmbeddingCount(model: model.id, fingerprint: model.fingerprint)
        let todo = try catalog.imagesMissingEmbedding(model: model.id, fingerprint: model.fingerprint, under: roots)
        progress.begin("embed", total: todo.count)
        var done = 0
        let embedder = BatchEmbedder(model: model, batchSize: batchSize, decodeWorkers: decodeWorkers, modelWorkers: modelWorkers)
        let sources = todo.map(ImageSource.init)
        let alongside = signals ? try SignalsAlongside(images: todo, catalog: catalog) : nil
        let ids = todo.map(\.id)
        let decode = { @Sendable [input] (index: Int) throws(ItemFailure) -> PixelBuffer in
            // An image whose signals are stored already is decoded for the model alone, not held open.
            guard let alongside, alongside.wants(index) else { return try sources[index].pixels(for: input) }
            let bytes = try sources[index].bytes()
            do throws(ImagingError) {
                let image = try input.open(bytes, path: sources[index].path)
                let pixels = try input.pixels(from: image)
                alongside.make(index, from: image, bytes: bytes)
                return pixels
            } catch { throw error.itemFailure }
        }
        let timing = try embedder.embed(count: todo.count, cancellation: cancellation, prepare: decode) { outcomes in
            try alongside?.store(outcomes.map(\.index), ids: ids, in: catalog)
            var rows: [(imageID: Int64, vector: [Float])] = []
            var unusable: [CatalogEntry] = []
            for (index, result) in outcomes {
                switch result {
                case .success(let vector): rows.append((todo[index].id, vector))
                case .failure(let failure):
                    summary.skipped.append(ScannedFailure(path: todo[index].path, kind: failure.kind, message: failure.message))
                    // The model's own failures (``FailureKind/unembeddable``) say nothing about the file.
                    if failure.kind.isInTheBytes { unusable.append(CatalogEntry(todo[index], failedWith: failure)) }
                }
            }
            try catalog.storeEmbeddings(rows, model: model.id, fingerprint: model.fingerprint)
            try catalog.record(unusable)
            summary.embedded += rows.count
            done += outcomes.count
            progress.advance("embed", completed: done, total: todo.count)
        }
        progress.end("embed")
        summary.decodeSeconds = timing.decodeSeconds
        summary.inferenceSeconds = timing.inferenceSeconds
        summary.seconds = Date().timeIntervalSince(started)
        summary.imagesPerSecond = summary.seconds > 0 ? Double(summary.embedded) / summary.seconds : 0
        return summary
    }
}
