import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore

/// `quality`: the quality scores of every image under the folders (or in the catalog), worst first.
///
/// Scores are computed once per version of a file and kept in the catalog (signal kind
/// `quality`), so a second run reads them back; a file that changed is scored again after its
/// re-scan. Images are measured in parallel through ``ImageSignalCache``, in batches, so progress
/// moves and Ctrl-C keeps what was stored.
public struct QualityJob: Job {
    /// Folders to scan first; empty measures the whole catalog.
    public var folders: [String]
    /// Images measured per batch (stored after each). Default 64.
    public var batchSize: Int

    public init(folders: [String] = [], batchSize: Int = 64) {
        self.folders = folders
        self.batchSize = max(1, batchSize)
    }

    public func run(in context: JobContext) throws(JobError) -> QualityResult {
        try InputPaths.requireExisting(folders)
        let catalog = try context.openStore(for: .readingAndFilling)
        let roots = folders.isEmpty ? nil : folders.map(FileWalker.absolute)
        let scan = try context.scanFirst(folders, into: catalog)
        let listed: [CatalogImage]
        do { listed = try catalog.usableImages(under: roots) } catch { throw .catalog(error) }
        let (images, stale) = CatalogFreshness.split(listed)
        let cache = try ImageSignalCache.filledWithQuality(images, catalog: catalog, batchSize: batchSize, context: context)
        let (scored, skipped) = cache.measuredQuality(images)
        var entries = scored.map { QualityEntry(path: $0.path, scores: $0.scores) }
        entries.sort { ($0.overall, $0.path) < ($1.overall, $1.path) }
        var counts: [String: Int] = [:]
        for entry in entries { for issue in entry.issues { counts[issue.rawValue, default: 0] += 1 } }
        return QualityResult(images: entries, issueCounts: counts, computed: cache.computed.quality, reused: cache.loaded.quality,
                             scan: scan.map(ScanCount.init), skipped: skipped.isEmpty ? nil : skipped, stale: stale.isEmpty ? nil : stale,
                             naturalnessUnavailable: cache.naturalnessUnavailable?.description)
    }
}
