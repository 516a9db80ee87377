import LikenessAnalysis
import LikenessCatalog
import LikenessCore

extension ImageSignalCache {
    /// A cache over `images` with every quality score filled: read back from `catalog`, or measured
    /// on the context's workers and stored, in batches of `batchSize` so progress ("quality")
    /// moves and Ctrl-C keeps what was stored. The one path by which jobs get quality scores.
    static func filledWithQuality(_ images: [CatalogImage], catalog: any CatalogStore, batchSize: Int = 64,
                                  context: JobContext) throws(JobError) -> ImageSignalCache {
        let cache: ImageSignalCache
        do { cache = try ImageSignalCache(images: images, catalog: catalog, workers: context.workers) } catch { throw .wrapping(error) }
        let batch = max(1, batchSize)
        context.progress.begin("quality", total: images.count)
        defer { context.progress.end("quality") }
        for start in stride(from: 0, to: images.count, by: batch) {
            try context.checkCancellation()
            cache.fillQuality(Array(start..<min(start + batch, images.count)))
            context.progress.advance("quality", completed: min(start + batch, images.count), total: images.count)
        }
        return cache
    }

    /// The filled scores of `images` (the images this cache was made with), in their order, and
    /// the images that could not be measured, with why.
    func measuredQuality(_ images: [CatalogImage]) -> (scored: [(path: String, scores: QualityScores)], skipped: [ScannedFailure]) {
        var scored: [(path: String, scores: QualityScores)] = []
        var skipped: [ScannedFailure] = []
        for (index, image) in images.enumerated() {
            if let scores = quality(index) {
                scored.append((image.path, scores))
            } else if let failure = qualityFailures[index] {
                skipped.append(ScannedFailure(path: image.path, kind: failure.kind, message: failure.message))
            }
        }
        return (scored, skipped)
    }
}
