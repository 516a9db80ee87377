import LikenessCore

/// `hash`: perceptual hashes of image files, computed on every core.
public struct HashJob: Job {
    public var files: [String]
    /// Methods of either kind; empty means all of them.
    public var methods: [PerceptualMethod]

    public init(files: [String], methods: [PerceptualMethod] = []) {
        self.files = files
        self.methods = methods
    }

    /// One file's hashes: bit hashes in hex, continuous hashes as numbers, or why it has none.
    public struct Line: Codable, Sendable, Equatable {
        public var path: String
        public var hashes: [String: String]?
        public var features: [String: [Double]]?
        public var error: String?
    }

    public func run(in context: JobContext) throws(JobError) -> [Line] {
        let computer: HashComputer
        do { computer = try HashComputer(perceptual: methods.isEmpty ? PerceptualMethod.allCases : methods) } catch { throw .wrapping(error) }
        let total = files.count
        let progress = context.progress
        if total > 1 { progress.begin("hash", total: total) }
        let results = ParallelHashing.values(of: files.map { ImageSource(path: $0) }, computer: computer, workers: context.workers,
                                             cancellation: context.cancellation,
                                             finished: { if total > 1 { progress.advance("hash", completed: $0, total: total) } })
        if total > 1 { progress.end("hash") }
        try context.checkCancellation()
        return zip(files, results).map { file, result in
            switch result {
            case .success(let (bits, features)):
                Line(path: file, hashes: Dictionary(uniqueKeysWithValues: zip(computer.methods.map(\.rawValue), bits.map(\.hex))),
                     features: Dictionary(uniqueKeysWithValues: zip(computer.featureMethods.map(\.rawValue), features.map(\.values))))
            case .failure(let failure):
                Line(path: file, error: failure.description)
            }
        }
    }
}
