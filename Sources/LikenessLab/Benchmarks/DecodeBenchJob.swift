import Foundation
import LikenessCore
import LikenessEngine

/// `bench decode`: images/s for reading and decoding files to a square RGB buffer.
public struct DecodeBenchJob: Job {
    /// Folders of images.
    public var folders: [String]
    /// Parallel decoders; nil uses the context's workers (every core). Default nil.
    public var workers: Int?
    /// Output edge length in pixels. Default 224.
    public var size: Int
    /// Passes over the files; the best pass is reported. Default 1.
    public var repeats: Int

    public init(folders: [String], workers: Int? = nil, size: Int = 224, repeats: Int = 1) {
        self.folders = folders
        self.workers = workers
        self.size = size
        self.repeats = repeats
    }

    public func run(in context: JobContext) throws(JobError) -> DecodeBenchmark.Result {
        let files = try BenchFiles.list(folders)
        let benchmark: DecodeBenchmark
        do { benchmark = try DecodeBenchmark(workers: workers ?? context.workers, size: .squash(width: size, height: size)) } catch {
            throw .wrapping(error)
        }
        var best: DecodeBenchmark.Result?
        for _ in 0..<max(1, repeats) {
            try context.checkCancellation()
            let result = benchmark.run(files, progress: context.progress)
            if best.map({ result.imagesPerSecond > $0.imagesPerSecond }) ?? true { best = result }
        }
        return best!
    }
}

/// The files a benchmark runs on.
enum BenchFiles {
    /// Every file under `folders`; none is an error naming them.
    static func list(_ folders: [String]) throws(JobError) -> [String] {
        try InputPaths.requireExisting(folders)
        let files = FileWalker.files(in: folders)
        guard !files.isEmpty else { throw .invalidInput("no files found in \(folders.joined(separator: ", "))") }
        return files
    }
}
