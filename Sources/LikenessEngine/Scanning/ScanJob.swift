import LikenessCore

/// `scan`: catalogue the images in folders, incrementally and resumably.
public struct ScanJob: Job {
    /// Folders or single files.
    public var roots: [String]
    /// Batch size and decode limits; workers come from the context.
    public var configuration: ScanConfiguration

    public init(roots: [String], configuration: ScanConfiguration = ScanConfiguration()) {
        self.roots = roots
        self.configuration = configuration
    }

    /// The summary; when the context was cancelled it says so (``ScanSummary/interrupted``) and
    /// every finished batch is kept.
    public func run(in context: JobContext) throws(JobError) -> ScanSummary {
        let catalog = try context.openCatalog(for: .writing)
        var configuration = self.configuration
        configuration.workers = context.workers
        do {
            return try CatalogScanner(catalog: catalog, configuration: configuration)
                .scan(roots, progress: context.progress, shouldStop: { context.cancellation.isCancelled })
        } catch {
            throw .wrapping(error)
        }
    }
}
