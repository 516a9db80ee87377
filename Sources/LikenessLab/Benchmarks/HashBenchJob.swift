import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessEngine

/// `bench hash`: images/s for reading, decoding and hashing files with one method, on the same
/// path `likeness hash` takes: ``ImageSource`` reads, ``HashComputer`` decodes once and hashes,
/// ``ParallelWork`` spreads files over workers.
public struct HashBenchJob: Job {
    /// Folders of images.
    public var folders: [String]
    /// Hash method. Default pHash.
    public var method: HashMethod
    /// Parallel workers. Default 1, to compare with a single Python process.
    public var workers: Int
    /// Passes over the files; the best pass is reported. Default 1.
    public var repeats: Int

    public init(folders: [String], method: HashMethod = .pHash, workers: Int = 1, repeats: Int = 1) {
        self.folders = folders
        self.method = method
        self.workers = max(1, workers)
        self.repeats = repeats
    }

    /// The best pass.
    public struct Result: Codable, Sendable, Equatable {
        public var files: Int
        public var hashed: Int
        public var workers: Int
        public var method: String
        public var seconds: Double
        public var imagesPerSecond: Double
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        let files = try BenchFiles.list(folders)
        let computer: HashComputer
        do { computer = try HashComputer(methods: [method]) } catch { throw .wrapping(error) }
        var best: Result?
        for _ in 0..<max(1, repeats) {
            try context.checkCancellation()
            let started = Date()
            let hashed = try Self.hashAll(files, computer: computer, workers: workers, context: context)
            let seconds = Date().timeIntervalSince(started)
            let result = Result(files: files.count, hashed: hashed, workers: workers, method: method.rawValue,
                                seconds: seconds, imagesPerSecond: Double(hashed) / seconds)
            if best.map({ result.imagesPerSecond > $0.imagesPerSecond }) ?? true { best = result }
        }
        return best!
    }

    /// Reads and hashes every file on `workers` threads; returns how many were hashed.
    static func hashAll(_ files: [String], computer: HashComputer, workers: Int, context: JobContext) throws(JobError) -> Int {
        let cancellation = context.cancellation, progress = context.progress
        progress.begin("hash", total: files.count)
        // The same path as `likeness hash` and the catalog's hash filling.
        let hashed = ParallelHashing.values(of: files.map { ImageSource(path: $0) }, computer: computer, workers: workers,
                                            cancellation: cancellation, finished: { progress.advance("hash", completed: $0, total: files.count) })
            .filter { (try? $0.get()) != nil }.count
        progress.end("hash")
        try context.checkCancellation()
        return hashed
    }
}
