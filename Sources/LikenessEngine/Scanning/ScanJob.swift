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
    /// every finished batch is kept. A root that does not exist is refused before anything is
    /// scanned (a folder that vanishes during the scan is an `unreadable` failure in the summary).
    public func run(in context: JobContext) throws(JobError) -> ScanSummary {
        guard !roots.isEmpty else { throw .invalidInput("give at least one folder or file to scan") }
        try InputPaths.requireExisting(roots)
        let catalog = try context.openStore(for: .writing)
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
