import Foundation
import LikenessAnalysis
import LikenessCore

/// What a calibration scores pairs with: an embedding model (cosine), a perceptual hash (its
/// distance, negated so that higher still means more alike) or a trained pair scorer (its probability).
public enum PairScoring: Sendable {
    case embedding(any EmbeddingModel, EmbeddingInput)
    case hash(PerceptualMethod)
    /// A pair scorer on its base model's vectors (`calibrate --method scorer:NAME`).
    case scorer(OpenedScorer)

    /// A model opened by ``ModelLocator/open(_:threads:)``.
    public static func embedding(_ opened: OpenedModel) -> PairScoring { .embedding(opened.model, opened.input) }

    /// The method's name: the model id or the hash name.
    public var name: String {
        switch self {
        case .embedding(let model, _): model.id
        case .hash(let method): method.name
        case .scorer(let scorer): "scorer:\(scorer.name)"
        }
    }

    /// How the scale reads: higher cosine = more alike; for hashes a lower distance is.
    public var scale: CalibrationFile.Scale {
        switch self {
        case .embedding: .cosine
        case .hash: .distance
        case .scorer: .probability
        }
    }

    /// The model's (or the scorer's) weights fingerprint.
    public var fingerprint: String? {
        switch self {
        case .embedding(let model, _): model.fingerprint
        case .scorer(let scorer): scorer.fingerprint
        case .hash: nil
        }
    }
}

/// Scores of labelled pairs.
public struct PairScores: Sendable {
    /// In pair order; nil when an image of the pair could not be used. Higher = more alike.
    public var scores: [Double?]
    /// One message per unusable image, starting with its path.
    public var skipped: [String]
    /// Each image's embedding (embedding scoring only), for per-cluster thresholds.
    public var vectors: [String: [Float]]
}

/// Scores labelled pairs; each image is read once (through ``ImageSource``) and described once
/// however many pairs it is in. Embeddings go through ``BatchEmbedder``; hashes through
/// ``HashComputer`` on worker threads.
public struct PairScorer: Sendable {
    public let scoring: PairScoring
    /// Threads that read, decode and hash. Default: every core.
    public let workers: Int
    /// Images per model run. Default 32.
    public let batchSize: Int

    public init(scoring: PairScoring, workers: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 32) {
        self.scoring = scoring
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
    }

    /// Scores every pair, reporting an `embed` or `hash` phase; stops with ``JobError/cancelled``
    /// once `cancellation` is cancelled.
    public func scores(_ pairs: [LabelledPair], progress: any ProgressReporter = SilentProgress(),
                       cancellation: CancellationToken = CancellationToken()) throws(JobError) -> PairScores {
        var seen = Set<String>()
        let paths = pairs.flatMap { [$0.a, $0.b] }.filter { seen.insert($0).inserted }
        switch scoring {
        case .embedding(let model, let input):
            let (vectors, skipped) = try embeddings(paths, model: model, input: input, progress: progress, cancellation: cancellation)
            return PairScores(scores: pairs.map { pair in
                guard let a = vectors[pair.a], let b = vectors[pair.b] else { return nil }
                return Double(a.cosineSimilarity(to: b))
            }, skipped: skipped, vectors: vectors)
        case .scorer(let scorer):
            let (vectors, skipped) = try embeddings(paths, model: scorer.base.base, input: scorer.base.input, progress: progress,
                                                    cancellation: cancellation)
            let usable = pairs.filter { vectors[$0.a] != nil && vectors[$0.b] != nil }
            let probabilities: [Float]
            do { probabilities = try scorer.probabilities(usable.map { (vectors[$0.a]!, vectors[$0.b]!) }) } catch { throw .head(error) }
            var scores = probabilities.makeIterator()
            return PairScores(scores: pairs.map { pair in
                vectors[pair.a] != nil && vectors[pair.b] != nil ? scores.next().map(Double.init) : nil
            }, skipped: skipped, vectors: [:])
        case .hash(let method):
            let (values, skipped) = try hashes(paths, method: method, progress: progress, cancellation: cancellation)
            return PairScores(scores: pairs.map { pair in
                guard let a = values[pair.a], let b = values[pair.b] else { return nil }
                return -a.distance(to: b)
            }, skipped: skipped, vectors: [:])
        }
    }

    /// Every path's vector, or a message why it has none.
    private func embeddings(_ paths: [String], model: any EmbeddingModel, input: EmbeddingInput, progress: any ProgressReporter,
                            cancellation: CancellationToken) throws(JobError) -> (vectors: [String: [Float]], skipped: [String]) {
        var vectors: [String: [Float]] = [:], skipped: [String] = [], done = 0
        progress.begin("embed", total: paths.count)
        defer { progress.end("embed") }
        do {
            _ = try BatchEmbedder(model: model, batchSize: batchSize, decodeWorkers: workers)
                .embed(paths.map { ImageSource(path: $0) }, input: input, cancellation: cancellation) { outcomes in
                    for (index, result) in outcomes {
                        switch result {
                        case .success(let vector): vectors[paths[index]] = vector
                        case .failure(let failure): skipped.append(Self.message(failure, path: paths[index]))
                        }
                    }
                    done += outcomes.count
                    progress.advance("embed", completed: done, total: paths.count)
                }
        } catch {
            throw .wrapping(error)
        }
        return (vectors, skipped)
    }

    /// Every path's hash value, or a message why it has none.
    private func hashes(_ paths: [String], method: PerceptualMethod, progress: any ProgressReporter,
                        cancellation: CancellationToken) throws(JobError) -> (values: [String: PerceptualValue], skipped: [String]) {
        let computer: HashComputer
        do { computer = try HashComputer(perceptual: [method]) } catch { throw .wrapping(error) }
        progress.begin("hash", total: paths.count)
        let outcomes = ParallelWork.map(paths, workers: workers, finished: { progress.advance("hash", completed: $0, total: paths.count) }) {
            path -> Result<PerceptualValue, ItemFailure>? in
            cancellation.isCancelled ? nil : Self.value(of: path, computer: computer)
        }
        progress.end("hash")
        if cancellation.isCancelled { throw .cancelled }
        var values: [String: PerceptualValue] = [:], skipped: [String] = []
        for (path, outcome) in zip(paths, outcomes) {
            switch outcome {
            case .success(let value): values[path] = value
            case .failure(let failure): skipped.append(Self.message(failure, path: path))
            case nil: break
            }
        }
        return (values, skipped)
    }

    /// One file's hash value, read through ``ImageSource``.
    static func value(of path: String, computer: HashComputer) -> Result<PerceptualValue, ItemFailure> {
        let bytes: [UInt8]
        do { bytes = try ImageSource(path: path).bytes() } catch { return .failure(error) }
        do { return .success(try computer.values(of: bytes, path: path)[0]) } catch { return .failure(error.itemFailure) }
    }

    /// The failure's message, led by the path when it does not name it already.
    static func message(_ failure: ItemFailure, path: String) -> String {
        failure.message.hasPrefix(path) ? failure.message : "\(path): \(failure.message)"
    }
}
