import Foundation
import LikenessCore
import LikenessEngine

/// `bench quality`: the degradation benchmark (``QualityBenchmark``) over the photos in folders.
public struct QualityBenchJob: Job {
    /// Folders of photos.
    public var folders: [String]
    /// Photos are fitted into this square before degrading. Default 1024.
    public var workingSize: Int

    public init(folders: [String], workingSize: Int = 1024) {
        self.folders = folders
        self.workingSize = workingSize
    }

    public func run(in context: JobContext) throws(JobError) -> QualityBenchmark.Result {
        let files = try BenchFiles.list(folders)
        do {
            return try QualityBenchmark(workingSize: workingSize).run(files, workers: context.workers, progress: context.progress,
                                                                      cancellation: context.cancellation)
        } catch { throw .wrapping(error) }
    }
}
