import LikenessANN
import LikenessCatalog
import LikenessCore

extension SplitComparison {
    /// Scans and embeds both sets' folders, then loads them: the first step of `leakage` and
    /// `novelty`, over a SQLite file or a shared PostgreSQL catalog. Returns the catalog too, where
    /// confirmation signals are stored and read back; with `signals` they are made beside the
    /// embeddings of new images.
    static func prepared(first: [String], second: [String], model: OpenedModel, signals: Bool = false, index: IndexChoice = .exact,
                         context: JobContext) throws(JobError) -> (split: SplitComparison, skipped: [ScannedFailure], catalog: any CatalogStore) {
        try InputPaths.requireExisting(first + second)
        let catalog = try context.openStore(for: .readingAndFilling)
        // The embedding pass decodes every new image and records those that fail.
        _ = try context.scanFirst(first + second, into: catalog, pixels: .deferred)
        let filled = try EmbeddingSpace.filled(catalog: catalog, model: model, under: first + second, signals: signals, context: context)
        do {
            let watch = IndexBuildWatch(progress: context.progress, cancellation: context.cancellation)
            return (try SplitComparison(catalog: catalog, opened: model, first: first, second: second, index: index, watch: watch),
                    filled.skipped, catalog)
        } catch {
            throw .wrapping(error)
        }
    }
}
