import Foundation
import LikenessCatalog
import LikenessAnalysis
import LikenessCore
import LikenessImaging

/// Fills the catalog with the perceptual hashes (bit and continuous) it lacks, reading each file once for all methods.
public struct HashIndexer: Sendable {
    public let catalog: any CatalogStore
    public let workers: Int
    public let batchSize: Int

    public init(catalog: any CatalogStore, workers: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 64) {
        self.catalog = catalog
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
    }

    /// What one run did.
    public struct Summary: Sendable, Codable {
        public var hashed = 0
        /// Files that could not be hashed now (moved, changed or unreadable since the scan), with why.
        public var skipped: [ScannedFailure] = []
    }

    /// Computes and stores the missing bit hashes of `methods` for images under `roots` (all when nil).
    public func fill(_ methods: [HashMethod], under roots: [String]? = nil,
                     progress: any ProgressReporter = SilentProgress()) throws(CatalogError) -> Summary {
        try fill(methods.map(PerceptualMethod.bits), under: roots, progress: progress)
    }

    /// Computes and stores the missing values of `methods` (either kind) for images under `roots`.
    ///
    /// A file whose bytes do not decode is recorded in the catalog as failed, as the scan records
    /// such a file, so hashing can be the pixel check of a scan run with ``PixelCheck/deferred``.
    ///
    /// A cancelled `cancellation` stops it between batches, keeping every stored batch.
    public func fill(_ methods: [PerceptualMethod], under roots: [String]? = nil,
                     progress: any ProgressReporter = SilentProgress(), cancellation: CancellationToken? = nil) throws(CatalogError) -> Summary {
        var missing: [Int64: CatalogImage] = [:]
        for method in methods {
            for image in try catalog.imagesMissing(method, under: roots) { missing[image.id] = image }
        }
        let todo = missing.values.sorted { $0.path < $1.path }
        var summary = Summary()
        guard !todo.isEmpty else { return summary }
        let computer: HashComputer
        do { computer = try HashComputer(perceptual: methods) } catch {
            summary.skipped = todo.map { ScannedFailure(path: $0.path, kind: .unreadable, message: error.description) }
            return summary
        }
        progress.begin("hash", total: todo.count)
        var done = 0
        for start in stride(from: 0, to: todo.count, by: batchSize) where cancellation?.isCancelled != true {
            let batch = Array(todo[start..<min(start + batchSize, todo.count)])
            let (before, total) = (done, todo.count)
            // Each file is checked against the catalog's fingerprint: a changed file is re-read by the next scan.
            let results = ParallelHashing.perceptualValues(of: batch.map(ImageSource.init), computer: computer, workers: workers,
                                                           finished: { progress.advance("hash", completed: before + $0, total: total) })
            var rows: [(imageID: Int64, method: PerceptualMethod, value: PerceptualValue)] = []
            var unusable: [CatalogEntry] = []
            for (image, result) in zip(batch, results) {
                switch result {
                case .success(let values):
                    rows += values.map { (image.id, $0.method, $0.value) }
                    summary.hashed += 1
                case .failure(let failure):
                    summary.skipped.append(ScannedFailure(path: image.path, kind: failure.kind, message: failure.message))
                    if failure.kind.isInTheBytes { unusable.append(CatalogEntry(image, failedWith: failure)) }
                }
            }
            try catalog.storePerceptualValues(rows)
            try catalog.record(unusable)
            done += batch.count
        }
        progress.end("hash")
        return summary
    }
}
