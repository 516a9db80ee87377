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
        /// Where ONNX Runtime and the models are; embedding methods open their model here.
        public var models: ModelLocator
        /// ONNX Runtime threads for the model. Default 1.
        public var modelThreads: Int
        /// Images per model call. Default 32.
        public var batchSize: Int
        /// Threads for decoding, hashing, pixels and histograms. Default: the number of cores.
        public var workers: Int

        public init(models: ModelLocator = .fromEnvironment(), modelThreads: Int = 1, batchSize: Int = 32,
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
            self.models = models
            self.modelThreads = modelThreads
            self.batchSize = batchSize
            self.workers = workers
        }
    }

    /// Side of the grey thumbnail behind ``EvalMethod/pixels`` (``GreyThumbnail``, shared with `cluster --method pixels`).
    public static let pixelsSide = GreyThumbnail.side
    /// Images larger than this on either side are squashed to it before their histogram is counted.
    public static let histogramSide = 64

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The features of `method` for every image of `data`, reporting progress under the method's name.
    /// `known` holds features already computed for other methods of the same data: a head whose
    /// base is among them reuses them instead of computing them again.
    ///
    /// - Throws: ``JobError`` when the method cannot run at all (its model is missing, libvips did
    ///   not start) or `cancellation` was cancelled; single images that fail get nil.
    public func features(_ method: EvalMethod, of data: EvalDataset, progress: any ProgressReporter = SilentProgress(),
                         cancellation: CancellationToken = CancellationToken(),
                         known: [EvalMethod: RetrievalEvaluation.Features] = [:]) throws(JobError) -> RetrievalEvaluation.Features {
        let features: RetrievalEvaluation.Features
        do {
            features = try compute(method, of: data, progress: progress, cancellation: cancellation, known: known)
        } catch let error as JobError {
            throw error
        } catch is Cancelled {
            throw .cancelled
        } catch {
            throw .failed(EvalError.method(method.name, String(describing: error)).description)
        }
        if cancellation.isCancelled { throw .cancelled }
        return features
    }

    func compute(_ method: EvalMethod, of data: EvalDataset, progress: any ProgressReporter,
                 cancellation: CancellationToken, known: [EvalMethod: RetrievalEvaluation.Features] = [:]) throws -> RetrievalEvaluation.Features {
        switch method {
        case .head(let name): return try headFeatures(name, of: data, progress: progress, cancellation: cancellation, known: known)
        case .joined(let parts):
            return .vectors(EvalMethod.join(try parts.map { part in
                try (known[part] ?? compute(part, of: data, progress: progress, cancellation: cancellation)).vectors
            }))
        case .embedding(let id): return .vectors(try embeddings(id, of: data, progress: progress, cancellation: cancellation))
        case .hash(let hash):
            let computer = try HashComputer(methods: [hash])
            return .hashes(perImage(data, phase: method.name, progress: progress, cancellation: cancellation) { image in
                switch image {
                case .pixels(let pixels): Self.oneAtATime { try? computer.hashes(of: pixels).first }
                case .file(let bytes, let path): try? computer.hashes(of: bytes, path: path).first
                }
            })
        case .pixels:
            let thumbnail = try GreyThumbnail()
            return .vectors(perImage(data, phase: method.name, progress: progress, cancellation: cancellation) { image in
                switch image {
                case .pixels(let pixels): Self.oneAtATime { try? thumbnail.values(of: pixels) }
                case .file(let bytes, let path): try? thumbnail.values(ofFile: bytes, path: path)
                }
            })
        case .bagOfWords(let words):
            return .vectors(try bagsOfWords(words, of: data, progress: progress, cancellation: cancellation))
        case .histogram, .comparedHistogram:
            // `histogram` is ranked by the cosine of its square roots; `histogram:METRIC` compares the bins.
            let (side, hellinger) = (Self.histogramSide, method == .histogram)
            let (decoder, editor, histogram) = (try ImageDecoder(), try ImageEditor(), ColorHistogram())
            return .vectors(perImage(data, phase: method.name, progress: progress, cancellation: cancellation) { image in
                let small: PixelBuffer? = switch image {
                case .pixels(let pixels) where pixels.width <= side && pixels.height <= side: pixels
                case .pixels(let pixels): Self.oneAtATime { try? editor.resized(pixels, to: .squash(width: side, height: side)) }
                case .file(let bytes, let path): try? decoder.decode(bytes, to: .squash(width: side, height: side), path: path).pixels
                }
                return small.map(hellinger ? histogram.vector : histogram.histogram)
            })
        case .hog(let hog):
            let size = TargetSize.squash(width: hog.side, height: hog.side)
            let (decoder, editor) = (try ImageDecoder(), try ImageEditor())
            return .vectors(perImage(data, phase: method.name, progress: progress, cancellation: cancellation) { image in
                let grey: PixelBuffer? = switch image {
                case .pixels(let pixels): Self.oneAtATime { try? editor.resized(pixels, to: size) }
                case .file(let bytes, let path): try? decoder.decode(bytes, to: size, path: path).pixels
                }
                return grey.map { hog.describe(GreyImage($0)) }
            })
        }
    }

    /// Serialises libvips work on in-memory images (see the type's notes).
    private static let memoryLock = Mutex(())

    static func oneAtATime<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try memoryLock.withLock { _ throws(E) in try body() }
    }

    /// One image's source: decoded pixels, or a file's bytes.
    enum Source {
        case pixels(PixelBuffer)
        case file([UInt8], String)
    }

    /// The dataset's image `i`, or nil when its file cannot be read.
    static func source(_ data: EvalDataset, _ i: Int) -> Source? {
        if let pixels = data.pixels?[i] { return .pixels(pixels) }
        return (try? ImageSource(path: data.paths[i]).bytes()).map { .file($0, data.paths[i]) }
    }

    /// Runs `body` on every image on worker threads, in dataset order (nil for all once cancelled).
    func perImage<Output: Sendable>(_ data: EvalDataset, phase: String, progress: any ProgressReporter,
                                            cancellation: CancellationToken, _ body: @escaping @Sendable (Source) -> Output?) -> [Output?] {
        let total = data.paths.count
        progress.begin(phase, total: total)
        defer { progress.end(phase) }
        return ParallelWork.map(Array(data.paths.indices), workers: configuration.workers,
                                finished: { progress.advance(phase, completed: $0, total: total) }) { i in
            cancellation.isCancelled ? nil : Self.source(data, i).flatMap(body)
        }
    }

    /// Embeds every image with model `id` through ``BatchEmbedder``: files are read by
    /// ``ImageSource``; in-memory (IDX) images are prepared one at a time.
    private func embeddings(_ id: String, of data: EvalDataset, progress: any ProgressReporter,
                            cancellation: CancellationToken) throws -> [[Float]?] {
        let opened = try configuration.models.open(id, threads: configuration.modelThreads)
        let input = opened.input
        let (total, phase) = (data.paths.count, "embed \(id)")
        var vectors = [[Float]?](repeating: nil, count: total)
        var done = 0
        progress.begin(phase, total: total)
        defer { progress.end(phase) }
        _ = try BatchEmbedder(model: opened.model, batchSize: configuration.batchSize, decodeWorkers: configuration.workers)
            .embed(count: total, cancellation: cancellation, prepare: { i throws(ItemFailure) in
                if let memory = data.pixels?[i] {
                    return try Self.oneAtATime { () throws(ItemFailure) in
                        do throws(ImagingError) { return try input.pixels(from: memory) } catch { throw error.itemFailure }
                    }
                }
                return try ImageSource(path: data.paths[i]).pixels(for: input)
            }) { outcomes in
                for (i, result) in outcomes { vectors[i] = try? result.get() }
                done += outcomes.count
                progress.advance(phase, completed: done, total: total)
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
