import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessImaging

/// What a calibration scores pairs with: an embedding model (cosine) or a perceptual hash
/// (its distance, negated so that higher still means more alike).
public enum PairScoring: Sendable {
    case embedding(any EmbeddingModel, EmbeddingInput)
    case hash(PerceptualMethod)

    /// The method's name: the model id or the hash name.
    public var name: String {
        switch self {
        case .embedding(let model, _): model.id
        case .hash(let method): method.name
        }
    }

    /// How the scale reads: higher cosine = more alike; for hashes a lower distance is.
    public var scale: CalibrationFile.Scale {
        switch self {
        case .embedding: .cosine
        case .hash: .distance
        }
    }
}

/// Scores of labelled pairs.
public struct PairScores: Sendable {
    /// In pair order; nil when an image of the pair could not be used. Higher = more alike.
    public var scores: [Double?]
    /// One message per unusable image.
    public var skipped: [String]
    /// Each image's embedding (embedding scoring only), for per-cluster thresholds.
    public var vectors: [String: [Float]]
}

/// Scores labelled pairs; each image is read and described once however many pairs it is in.
public struct PairScorer: Sendable {
    public let scoring: PairScoring
    public let workers: Int

    public init(scoring: PairScoring, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.scoring = scoring
        self.workers = max(1, workers)
    }

    /// Scores every pair.
    public func scores(_ pairs: [LabelledPair], progress: any ProgressReporter = SilentProgress()) throws -> PairScores {
        var seen = Set<String>()
        let paths = pairs.flatMap { [$0.a, $0.b] }.filter { seen.insert($0).inserted }
        var skipped: [String] = []
        switch scoring {
        case .embedding(let model, let input):
            var vectors: [String: [Float]] = [:]
            progress.begin("embed", total: paths.count)
            for start in stride(from: 0, to: paths.count, by: 32) {
                let batch = Array(paths[start..<min(start + 32, paths.count)])
                let decoded = ParallelWork.map(batch, workers: workers) { path -> Result<PixelBuffer, ItemFailure> in
                    guard let data = FileManager.default.contents(atPath: path) else { return .failure(ItemFailure(.unreadable, "\(path): cannot be read")) }
                    do throws(ImagingError) { return .success(try input.pixels(from: Array(data), path: path)) } catch { return .failure(error.itemFailure) }
                }
                let ready = zip(batch, decoded).compactMap { path, result in (try? result.get()).map { (path, $0) } }
                for case .failure(let failure) in decoded { skipped.append(failure.message) }
                let embedded = try model.embed(ready.map(\.1))
                for ((path, _), result) in zip(ready, embedded) {
                    switch result {
                    case .success(let vector): vectors[path] = vector
                    case .failure(let failure): skipped.append("\(path): \(failure.message)")
                    }
                }
                progress.advance("embed", completed: start + batch.count, total: paths.count)
            }
            progress.end("embed")
            return PairScores(scores: pairs.map { pair in
                guard let a = vectors[pair.a], let b = vectors[pair.b] else { return nil }
                return Double(a.cosineSimilarity(to: b))
            }, skipped: skipped, vectors: vectors)
        case .hash(let method):
            let computer = try HashComputer(perceptual: [method])
            progress.begin("hash", total: paths.count)
            let values = ParallelWork.map(paths, workers: workers, finished: { progress.advance("hash", completed: $0, total: paths.count) }) {
                path -> Result<PerceptualValue, ItemFailure> in
                guard let data = FileManager.default.contents(atPath: path) else { return .failure(ItemFailure(.unreadable, "\(path): cannot be read")) }
                do throws(ImagingError) { return .success(try computer.values(of: Array(data), path: path)[0]) } catch { return .failure(error.itemFailure) }
            }
            progress.end("hash")
            var byPath: [String: PerceptualValue] = [:]
            for (path, result) in zip(paths, values) {
                switch result {
                case .success(let value): byPath[path] = value
                case .failure(let failure): skipped.append(failure.message)
                }
            }
            return PairScores(scores: pairs.map { pair in
                guard let a = byPath[pair.a], let b = byPath[pair.b] else { return nil }
                return -a.distance(to: b)
            }, skipped: skipped, vectors: [:])
        }
    }
}
