import Foundation
import LikenessCatalog
import LikenessCore

/// `inspect`: the health of a dataset. Flags images that are dark, bright, blurry, low in
/// information, grey in a colour set, of an odd aspect ratio or size for the set, outliers in the
/// embedding space, and exact and near-duplicates, each by a stated rule (``InspectRules``).
///
/// Quality scores come from the catalog's stored `quality` signal (measured once per file version,
/// as `quality` does); embeddings from the catalog too, the missing ones made with the model (as
/// `cluster` and `novelty` do). So a second run on an unchanged folder reads everything back.
public struct InspectJob: Job {
    /// Folders to scan first; empty inspects the whole catalog.
    public var folders: [String]
    public var options: InspectOptions
    /// The embedding model for the outlier and near-duplicate rules.
    public var model: String
    /// ONNX Runtime threads for the model.
    public var threads: Int

    public init(folders: [String] = [], options: InspectOptions = InspectOptions(), model: String = ModelDefaults.model, threads: Int = 1) {
        self.folders = folders
        self.options = options
        self.model = model
        self.threads = threads
    }

    public func run(in context: JobContext) throws(JobError) -> InspectResult {
        try options.validate()
        try InputPaths.requireExisting(folders)
        let catalog = try context.openStore(for: .readingAndFilling)
        let roots = folders.isEmpty ? nil : folders.map(FileWalker.absolute)
        let scan = try context.scanFirst(folders, into: catalog)
        let unreadable = try Self.unreadable(in: catalog, under: roots)
        let listed: [CatalogImage]
        do { listed = try catalog.usableImages(under: roots) } catch { throw .catalog(error) }
        let (images, stale) = CatalogFreshness.split(listed)
        guard !images.isEmpty else { throw .invalidInput(Self.nothingToInspect(folders, unreadable: unreadable.count)) }

        let cache = try ImageSignalCache.filledWithQuality(images, catalog: catalog, context: context)
        var (scored, skipped) = cache.measuredQuality(images)
        try context.checkCancellation()
        let opened = try context.models.open(model, threads: threads)
        let (space, embedSkipped) = try EmbeddingSpace.filled(catalog: catalog, model: opened, under: folders.isEmpty ? nil : folders, context: context)
        skipped += embedSkipped
        let exact: [ExactDuplicateGroup]
        do { exact = try DuplicateFinder(catalog: catalog).exactGroups(under: roots).groups } catch { throw .catalog(error) }

        let rules = InspectRules(options: options)
        let neighbours = space.index.neighbors(k: options.k, within: space.index.metric.unboundedThreshold)
        let findings = rules.fixed(scored) + [
            rules.greyscale(scored), rules.oddAspectRatio(scored), rules.oddSize(scored),
            rules.outliers(paths: space.images.map(\.path), neighbours: neighbours),
            rules.exactDuplicates(exact), rules.nearDuplicates(images: space.images, neighbours: neighbours),
        ]
        return InspectResult(images: images.count, flagged: Set(findings.flatMap { $0.images.map(\.path) }).count, model: opened.id,
                             options: options, findings: findings, qualityComputed: cache.computed.quality, qualityReused: cache.loaded.quality,
                             scan: scan.map(ScanCount.init), unreadable: unreadable.isEmpty ? nil : unreadable,
                             skipped: skipped.isEmpty ? nil : skipped, stale: stale.isEmpty ? nil : stale)
    }

    /// Present files under `roots` that the catalog holds as not usable images, with why.
    static func unreadable(in catalog: any CatalogStore, under roots: [String]?) throws(JobError) -> [ScannedFailure] {
        let all: [CatalogImage]
        do { all = try catalog.allImages() } catch { throw .catalog(error) }
        let scopes = roots?.map(FolderScope.init)
        return all.compactMap { image in
            guard !image.isGone, let failure = image.failure, scopes?.contains(where: { $0.contains(image.path) }) ?? true else { return nil }
            return ScannedFailure(path: image.path, kind: failure.kind, message: failure.message)
        }
    }

    /// The refusal when there is nothing to inspect.
    static func nothingToInspect(_ folders: [String], unreadable: Int) -> String {
        let place = folders.isEmpty ? "the catalog (give folders to scan)" : folders.joined(separator: ", ")
        return "no images to inspect in \(place)" + (unreadable > 0 ? ": \(unreadable) files could not be read as images" : "")
    }
}
