import LikenessPostgres

/// `status`: what a shared catalog's queue holds (items by state) and which workers work on it.
public struct StatusJob: Job {
    public init() {}

    public func run(in context: JobContext) throws(JobError) -> QueueStatus {
        let catalog = try context.openSharedCatalog()
        do { return try catalog.queueStatus() } catch { throw .catalog(error) }
    }
}
