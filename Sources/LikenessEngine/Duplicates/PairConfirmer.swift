import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
import LikenessHashing
import LikenessImaging
import LikenessMatching

/// A candidate pair of images (positions in a list of paths) with its embedding cosine.
public typealias CandidatePair = (i: Int, j: Int, score: Float)

/// A pair the near-duplicate rule accepted, with the second signals that were computed for it.
public struct ConfirmedPair: Sendable, Equatable {
    public var i: Int
    public var j: Int
    public var score: Float
    /// Smallest pHash distance over the eight turns and flips; nil when the cosine decided alone.
    public var hashDistance: Int?
    /// Local-feature matches agreeing on one geometry; nil when not needed.
    public var inliers: Int?
    /// How alike the two are: identical, the same picture, or the same scene in another shot.
    public var tier: DuplicateTier = .samePicture
}

/// Judges candidate pairs by the rule of ``DuplicateConfiguration``: the cosine first, then the
/// pHash over turns and flips, then local features checked for one consistent geometry. Signals
/// are asked of an ``ImageSignalCache`` only for the pairs that need them, in blocks on worker
/// threads: each is computed at most once (and, with a catalog, read back on later runs). Local
/// features leave memory once no later block needs them, so memory stays bounded on large sets.
final class PairConfirmer {
    let configuration: DuplicateConfiguration
    let signals: ImageSignalCache
    /// SHA-256 of each image when known (catalogued), to tell identical files.
    private let contents: [ContentHash?]
    var workers: Int { signals.workers }

    /// Files named by path; nothing is stored.
    init(configuration: DuplicateConfiguration, paths: [String], workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ImagingError) {
        self.configuration = configuration
        self.signals = try ImageSignalCache(paths: paths, workers: workers, quality: .withoutNaturalness)
        self.contents = Array(repeating: nil, count: paths.count)
    }

    /// Catalogued images; with `catalog`, signals are read from and stored in it.
    init(configuration: DuplicateConfiguration, images: [CatalogImage], catalog: (any CatalogStore)?,
         workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ImagingError) {
        self.configuration = configuration
        self.signals = try ImageSignalCache(images: images, catalog: catalog, workers: workers, quality: .withoutNaturalness)
        self.contents = images.map(\.contentHash)
    }

    /// The accepted pairs among `candidates`, in their order. A cancelled `cancellation` stops it
    /// between blocks of pairs (the caller then checks the token and discards the partial result).
    func confirm(_ candidates: [CandidatePair], progress: any ProgressReporter = SilentProgress(),
                 cancellation: CancellationToken? = nil) -> [ConfirmedPair] {
        let block = 2048
        // The last block that needs each image, so its features can go after it.
        var lastBlock: [Int: Int] = [:]
        for (n, pair) in candidates.enumerated() { (lastBlock[pair.i], lastBlock[pair.j]) = (n / block, n / block) }
        var accepted: [ConfirmedPair] = []
        progress.begin("confirm", total: candidates.count)
        for start in stride(from: 0, to: candidates.count, by: block) where cancellation?.isCancelled != true {
            let chunk = Array(candidates[start..<min(start + block, candidates.count)])
            accepted += confirmBlock(chunk) { lastBlock[$0, default: 0] > start / block }
            progress.advance("confirm", completed: min(start + block, candidates.count), total: candidates.count)
        }
        progress.end("confirm")
        return accepted
    }

    /// The smallest pHash distance between `a` in any turn or flip and `b`; nil when either cannot be decoded.
    func hashDistance(_ a: Int, _ b: Int) -> Int? {
        signals.fillHashes([a, b])
        guard let ha = signals.dihedralHashes(a), let hb = signals.dihedralHashes(b) else { return nil }
        return ImageSignals.dihedralDistance(ha, hb)
    }

    /// Local features of `a` and `b` matching in one geometry (0 when either has none).
    func inliers(_ a: Int, _ b: Int) -> Int {
        signals.fillFeatures([a, b])
        guard let fa = signals.features(a), let fb = signals.features(b) else { return 0 }
        return GeometricVerifier().match(fa, fb).inliers
    }

    /// Judges one block. Pairs the cosine leaves open get their pHash distance, and local features
    /// when the hash does not confirm them; the geometry those find also tells the same picture
    /// from the same scene (``DuplicateTier``). A pair the cosine accepts alone is a copy.
    private func confirmBlock(_ chunk: [CandidatePair], neededLater: (Int) -> Bool) -> [ConfirmedPair] {
        let judged = chunk.indices.filter { chunk[$0].score < configuration.acceptCosine && chunk[$0].score >= configuration.candidateCosine }
        signals.fillHashes(judged.flatMap { [chunk[$0].i, chunk[$0].j] })
        // Each pair's hash distance, computed once.
        var distances: [Int: Int] = [:]
        for n in judged { distances[n] = hashDistance(chunk[n].i, chunk[n].j) }
        // Local features only for the pairs the hash did not confirm.
        var matches: [Int: GeometricMatch] = [:]
        let unresolved = configuration.minimumInliers == 0 ? [] : judged.filter { distances[$0].map { $0 > configuration.hashRadius } ?? true }
        let featureChecked = Set(unresolved)
        if !unresolved.isEmpty {
            let needed = Set(unresolved.flatMap { [chunk[$0].i, chunk[$0].j] }).sorted()
            signals.fillFeatures(needed)
            var features: [Int: LocalFeatures] = [:]
            for index in needed { if let found = signals.featuresInMemory(index) { features[index] = found } }
            let verifier = GeometricVerifier()
            let matched = ParallelWork.map(unresolved, workers: workers) { [features] n -> GeometricMatch? in
                guard let a = features[chunk[n].i], let b = features[chunk[n].j] else { return nil }
                return verifier.match(a, b)
            }
            for (n, match) in zip(unresolved, matched) { matches[n] = match }
            signals.releaseFeatures(keeping: neededLater)
        }
        return chunk.indices.compactMap { n in
            let pair = chunk[n]
            let inliers = matches[n]?.inliers
            guard configuration.accepts(cosine: pair.score, hashDistance: { distances[n] }, inliers: { inliers ?? 0 }) else { return nil }
            let same = contents[pair.i] != nil && contents[pair.i] == contents[pair.j]
            let tier = DuplicateTier.of(sameContent: same, hashDistance: distances[n], match: matches[n],
                                        hashRadius: configuration.hashRadius, minimumInliers: configuration.minimumInliers)
            return ConfirmedPair(i: pair.i, j: pair.j, score: pair.score, hashDistance: distances[n],
                                 inliers: featureChecked.contains(n) ? (inliers ?? 0) : nil, tier: tier)
        }
    }
}
