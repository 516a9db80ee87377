import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessEngine

/// `bench robustness`: which edits break which hash, as F1-max thresholds and recall per edit.
public struct RobustnessBenchJob: Job {
    /// Folders of photos; each is edited in every way.
    public var folders: [String]
    /// Folders of unrelated images added unedited as extra negatives. Default none.
    public var distractors: [String]
    /// Methods, edits, working size, export folder; its workers are replaced by the context's
    /// unless ``workers`` is set. Default: every method and the standard edits.
    public var configuration: RobustnessConfiguration
    /// Photos processed in parallel; nil uses the context's workers. Default nil.
    public var workers: Int?

    public init(folders: [String], distractors: [String] = [], configuration: RobustnessConfiguration = RobustnessConfiguration(),
                workers: Int? = nil) {
        self.folders = folders
        self.distractors = distractors
        self.configuration = configuration
        self.workers = workers
    }

    public func run(in context: JobContext) throws(JobError) -> RobustnessResult {
        try InputPaths.requireExisting(folders + distractors)
        var configuration = configuration
        configuration.workers = max(1, workers ?? context.workers)
        let result: RobustnessResult
        do {
            result = try RobustnessBenchmark(configuration: configuration)
                .run(folders, distractors: distractors, progress: context.progress, cancellation: context.cancellation)
        } catch {
            throw .wrapping(error)
        }
        guard result.photos > 0 else { throw .invalidInput("no readable photos in \(folders.joined(separator: ", "))") }
        return result
    }
}
