import LikenessEngine
import LikenessAnalysis
import Foundation
import LikenessCore
import LikenessEmbedding
import LikenessHashing
import LikenessImaging
import Synchronization

/// Computes one ``EvalMethod``'s feature for every image of an ``EvalDataset``: the shared first step
/// of `eval` and the linear probe.
///
/// Images are files (decoded with shrink-on-load) or already in memory (IDX). A failed image gets
/// nil and the rest go on. Hashes, pixels and histograms are computed on worker threads; the
/// embedding model runs in batches. Results are in dataset order whatever the thread count.
///
/// libvips resizes of in-memory images run one at a time: with libvips 8.14 and liborc 0.4.33,
/// ORC-vectorised downscales of many small in-memory images on two threads corrupted the heap
/// (Fashion-MNIST 28×28 → 16×16; fine with `VIPS_NOVECTOR=1` or on one thread).
public struct FeatureExtraction: Sendable {
    /// Where models live and how much to run at once.
    public struct Configuration: Sendable {
        /// The models folder (manifests and ONNX files).
        public var modelsDirectory: String
        /// The ONNX Runtime shared library.
        public var runtimeLibrary: String
        /// ONNX Runtime threads for the model. Default 1.
        public var modelThreads: Int
        /// Images per model call. Default 32.
        public var batchSize: Int
        /// Threads for decoding, hashing, pixels and histograms. Default: the number of cores.
        public var workers: Int

        public init(modelsDirectory: String, runtimeLibrary: String, modelThreads: Int = 1, batchSize: Int = 32,
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
            self.modelsDirectory = modelsDirectory
            self.runtimeLibrary = runtimeLibrary
            self.modelThreads = modelThreads
            self.batchSize = batchSize
            self.workers = workers
        }
    }

    /// Side of the grey thumbnail behind ``EvalMethod/pixels``.
    public static let pixelsSide = 16
    /// Images larger than this on either side are squashed to it before their histogram is counted.
    public static let histogramSide = 64

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The features of `method` for every image of `data`, reporting progress under the method's name.
    public func features(_ method: EvalMethod, of data: EvalDataset,
                         progress: any ProgressReporter = SilentProgress()) throws(EvalError) -> RetrievalEvaluation.Features {
        do {
            switch method {
            case .embedding(let id): return .vectors(try embeddings(id, of: data, progress: progress))
            case .hash(let hash):
                let computer = try HashComputer(methods: [hash])
                return .hashes(perImage(data, phase: method.name, progress: progress) { image in
                    switch image {
                    case .pixels(let pixels): Self.oneAtATime { try? computer.hashes(of: pixels).first }
                    case .file(let bytes, let path): try? computer.hashes(of: bytes, path: path).first
                    }
                })
            case .pixels:
                let side = Self.pixelsSide
                let (decoder, editor) = (try ImageDecoder(), try ImageEditor())
                return .vectors(perImage(data, phase: method.name, progress: progress) { image in
                    let small: PixelBuffer? = switch image {
                    case .pixels(let pixels): Self.oneAtATime { try? editor.resized(pixels, to: .squash(width: side, height: side)) }
                    case .file(let bytes, let path): try? decoder.decode(bytes, to: .squash(width: side, height: side), path: path).pixels
                    }
                    return small.map { GreyImage($0).values }
                })
            case .histogram:
                let side = Self.histogramSide
                let (decoder, editor, histogram) = (try ImageDecoder(), try ImageEditor(), ColorHistogram())
                return .vectors(perImage(data, phase: method.name, progress: progress) { image in
                    let small: PixelBuffer? = switch image {
                    case .pixels(let pixels) where pixels.width <= side && pixels.height <= side: pixels
                    case .pixels(let pixels): Self.oneAtATime { try? editor.resized(pixels, to: .squash(width: side, height: side)) }
                    case .file(let bytes, let path): try? decoder.decode(bytes, to: .squash(width: side, height: side), path: path).pixels
                    }
                    return small.map(histogram.vector)
                })
            }
        } catch let error as EvalError {
            throw error
        } catch {
            throw EvalError.method(method.name, String(describing: error))
        }
    }

    /// Serialises libvips work on in-memory images (see the type's notes).
    private static let memoryLock = Mutex(())

    static func oneAtATime<T>(_ body: () -> T) -> T {
        memoryLock.withLock { _ in body() }
    }

    /// One image's source: decoded pixels, or a file's bytes.
    enum Source {
        case pixels(PixelBuffer)
        case file([UInt8], String)
    }

    /// The dataset's image `i`, or nil when its file cannot be read.
    static func source(_ data: EvalDataset, _ i: Int) -> Source? {
        if let pixels = data.pixels?[i] { return .pixels(pixels) }
        return FileManager.default.contents(atPath: data.paths[i]).map { .file(Array($0), data.paths[i]) }
    }

    /// Runs `body` on every image on worker threads, in dataset order.
    private func perImage<Output: Sendable>(_ data: EvalDataset, phase: String, progress: any ProgressReporter,
                                            _ body: @escaping @Sendable (Source) -> Output?) -> [Output?] {
        let total = data.paths.count
        progress.begin(phase, total: total)
        defer { progress.end(phase) }
        return ParallelWork.map(Array(data.paths.indices), workers: configuration.workers,
                                finished: { progress.advance(phase, completed: $0, total: total) }) { i in
            Self.source(data, i).flatMap(body)
        }
    }

    /// Embeds every image with model `id` in batches; preparation (decode, resize) runs on workers.
    private func embeddings(_ id: String, of data: EvalDataset, progress: any ProgressReporter) throws -> [[Float]?] {
        let manifest = try ModelRegistry(modelsDirectory: configuration.modelsDirectory).manifest(id)
        let runtime = try ONNXRuntime.load(libraryPath: configuration.runtimeLibrary)
        let model = try ONNXEmbeddingModel(manifest: manifest, modelsDirectory: configuration.modelsDirectory,
                                           runtime: runtime, threads: configuration.modelThreads)
        let input = try EmbeddingInput(manifest: manifest)
        let (total, phase) = (data.paths.count, "embed \(id)")
        var vectors: [[Float]?] = []
        vectors.reserveCapacity(total)
        progress.begin(phase, total: total)
        defer { progress.end(phase) }
        for start in stride(from: 0, to: total, by: max(1, configuration.batchSize)) {
            let batch = Array(start..<min(start + max(1, configuration.batchSize), total))
            let pixels = ParallelWork.map(batch, workers: configuration.workers) { i -> PixelBuffer? in
                switch Self.source(data, i) {
                case .pixels(let memory): Self.oneAtATime { try? input.pixels(from: memory) }
                case .file(let bytes, let path): try? input.pixels(from: bytes, path: path)
                case nil: nil
                }
            }
            var results = try model.embed(pixels.compactMap { $0 }).makeIterator()
            for p in pixels { vectors.append(p == nil ? nil : (try? results.next()!.get())) }
            progress.advance(phase, completed: batch.last! + 1, total: total)
        }
        return vectors
    }
}

extension RetrievalEvaluation.Features {
    /// Every feature as a float vector (nil where the image failed): vectors as they are, bit hashes
    /// as ±1 per bit (+1 for a set bit), which is what a linear classifier takes.
    public var vectors: [[Float]?] {
        switch self {
        case .vectors(let vectors): vectors
        case .hashes(let hashes): hashes.map { hash in hash.map { h in (0..<h.count).map { h[$0] ? 1 : -1 } } }
        }
    }

    /// Number of images that have no feature.
    public var failures: Int {
        switch self {
        case .vectors(let vectors): vectors.filter { $0 == nil }.count
        case .hashes(let hashes): hashes.filter { $0 == nil }.count
        }
    }
}
