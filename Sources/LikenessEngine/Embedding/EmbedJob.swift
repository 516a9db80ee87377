import LikenessCore

/// `embed`: vectors for every catalogued image that lacks a current one of the model.
public struct EmbedJob: Job {
    /// Folders to scan first and embed; empty embeds the whole catalog.
    public var folders: [String]
    public var model: String
    /// ONNX Runtime threads. Default 1.
    public var threads: Int
    /// Images per model run. Default 16.
    public var batchSize: Int
    /// Threads that read and decode. Default one per core.
    public var decodeWorkers: Int
    /// Parts of each batch the model runs at once. Default (nil): one per core, shared out among
    /// the model's `threads` (``EmbeddingIndexer/modelParts(threads:)``).
    public var modelWorkers: Int?

    public init(folders: [String] = [], model: String = ModelDefaults.model, threads: Int = 1, batchSize: Int = 16,
                decodeWorkers: Int = EmbeddingIndexer.perCore, modelWorkers: Int? = nil) {
        self.folders = folders
        self.model = model
        self.threads = threads
        self.batchSize = batchSize
        self.decodeWorkers = decodeWorkers
        self.modelWorkers = modelWorkers
    }

    public func run(in context: JobContext) throws(JobError) -> EmbeddingIndexer.Summary {
        try InputPaths.requireExisting(folders)
        let catalog = try context.openStore(for: .writing)
        let opened = try context.models.open(model, threads: threads)
        do {
            // The embedding pass decodes every new image and records those that fail: the scan reads headers only.
            let scan = try context.scanFirst(folders, into: catalog, pixels: .deferred).map(ScanCount.init)
            var summary = try EmbeddingIndexer(catalog: catalog, model: opened.base, input: opened.input, batchSize: batchSize,
                                               decodeWorkers: decodeWorkers, modelWorkers: modelWorkers ?? EmbeddingIndexer.modelParts(threads: opened.threads))
                .fill(under: folders.isEmpty ? nil : folders.map(FileWalker.absolute), progress: context.progress, cancellation: context.cancellation)
            summary.scan = scan
            return summary
        } catch {
            throw .wrapping(error)
        }
    }
}
