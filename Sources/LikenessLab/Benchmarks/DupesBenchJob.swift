import Foundation
import LikenessCore
import LikenessEngine

/// `bench dupes`: pair precision, recall and F1 of the default `dupes` rule on edited photos plus
/// distractors, beside pHash alone and the embedding alone at their best thresholds.
public struct DupesBenchJob: Job {
    /// Folders of photos; each is edited in every way.
    public var folders: [String]
    /// Folders of unrelated images added unedited. Default none.
    public var distractors: [String]
    /// An IDX image file (e.g. Fashion-MNIST) whose first ``distractorCount`` images are added as
    /// distractors. Default nil.
    public var distractorIDX: String?
    /// How many IDX images to add. Default 1000.
    public var distractorCount: Int
    /// The rule measured. Default: the `dupes` defaults.
    public var configuration: DuplicateConfiguration
    /// Embedding model id. Default: EfficientNet-Lite0.
    public var model: String
    /// ONNX Runtime threads. Default 1.
    public var threads: Int

    public init(folders: [String], distractors: [String] = [], distractorIDX: String? = nil, distractorCount: Int = 1000,
                configuration: DuplicateConfiguration = DuplicateConfiguration(), model: String = ModelDefaults.model, threads: Int = 1) {
        self.folders = folders
        self.distractors = distractors
        self.distractorIDX = distractorIDX
        self.distractorCount = distractorCount
        self.configuration = configuration
        self.model = model
        self.threads = threads
    }

    public func run(in context: JobContext) throws(JobError) -> DuplicateBenchmark.Result {
        try InputPaths.requireExisting(folders + distractors + (distractorIDX.map { [$0] } ?? []))
        let opened = try context.models.open(model, threads: threads)
        var extra: [PixelBuffer] = []
        if let distractorIDX {
            do { extra = try EvalDataset.load(distractorIDX, layout: .idx, limit: distractorCount).pixels ?? [] } catch {
                throw .invalidInput(error.description)
            }
        }
        do {
            return try DuplicateBenchmark(model: opened.model, configuration: configuration)
                .run(photos: folders, distractors: distractors, distractorImages: extra, input: opened.input,
                     workers: context.workers, progress: context.progress, cancellation: context.cancellation)
        } catch {
            throw .wrapping(error)
        }
    }
}
