import Foundation
import LikenessANN
import LikenessEngine

/// `bench scale`: all-pairs grouping of seeded synthetic vectors with planted duplicates.
public struct ScaleBenchJob: Job {
    /// Number of vectors. Default 100,000.
    public var count: Int
    /// Vector length. Default 1280.
    public var dimension: Int
    /// Cosine threshold for a pair. Default 0.9.
    public var threshold: Float
    /// BLAS threads; nil uses the context's workers. Default nil.
    public var threads: Int?
    /// Which index finds the neighbours. Default exact.
    public var index: IndexChoice
    /// Which vectors the duplicates are planted among. Default random.
    public var data: ScaleData

    public init(count: Int = 100_000, dimension: Int = 1280, threshold: Float = 0.9, threads: Int? = nil, index: IndexChoice = .exact,
                data: ScaleData = .random) {
        self.count = count
        self.dimension = dimension
        self.threshold = threshold
        self.threads = threads
        self.index = index
        self.data = data
    }

    public func run(in context: JobContext) throws(JobError) -> ScaleBenchmark.Result {
        guard count >= 2, dimension >= 1 else { throw .invalidInput("--count must be at least 2 and --dimension at least 1") }
        try context.checkCancellation()
        do {
            return try ScaleBenchmark(count: count, dimension: dimension, threshold: threshold, threads: threads ?? context.workers, index: index, data: data)
                .run(watch: IndexBuildWatch(progress: context.progress, cancellation: context.cancellation))
        } catch {
            throw .wrapping(error)
        }
    }
}
