import Foundation
import LikenessCore

/// `calibrate sample`: pairs for a person to label, spread over the similarity range.
///
/// Scans and embeds the folders (reusing the catalog), then draws pairs with
/// ``StratifiedPairSampler``: each image's nearest neighbours pooled with random pairs, equal
/// draws from equal-width cosine bins, in a seeded random order.
public struct SamplePairsJob: Job {
    /// Folders of images.
    public var folders: [String]
    /// Number of pairs. Default 200.
    public var count: Int
    /// Similarity bins the pairs are spread over. Default 10.
    public var bins: Int
    /// Seed for the random pairs and the order. Default 1.
    public var seed: UInt64
    /// Embedding model id. Default: EfficientNet-Lite0.
    public var model: String
    /// ONNX Runtime threads. Default 1.
    public var threads: Int

    public init(folders: [String], count: Int = 200, bins: Int = 10, seed: UInt64 = 1, model: String = ModelDefaults.model, threads: Int = 1) {
        self.folders = folders
        self.count = count
        self.bins = bins
        self.seed = seed
        self.model = model
        self.threads = threads
    }

    /// The pairs to label.
    public struct Result: Codable, Sendable {
        /// In the order to show them; the label is for a person to fill in.
        public var pairs: [StratifiedPairSampler.Pair]
        /// Images with a vector that the pairs were drawn from.
        public var images: Int
        /// Images that could not be embedded, with why.
        public var skipped: [ScannedFailure]

        /// The CSV a person labels: `path_a,path_b,label,similarity`, the label empty.
        public var csv: String {
            var lines = ["path_a,path_b,label,similarity"]
            lines += pairs.map { CSV.line([$0.a, $0.b, "", String(format: "%.4f", $0.similarity)]) }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        guard count > 0, bins > 0 else { throw .invalidInput("--n and --bins must be positive") }
        try InputPaths.requireExisting(folders)
        let catalog = try context.openStore(for: .readingAndFilling)
        let opened = try context.models.open(model, threads: threads)
        let cancellation = context.cancellation
        do { _ = try CatalogScanner(catalog: catalog).scan(folders, progress: context.progress, shouldStop: { cancellation.isCancelled }) } catch {
            throw .wrapping(error)
        }
        try context.checkCancellation()
        let (space, skipped) = try EmbeddingSpace.filled(catalog: catalog, model: opened, under: folders, context: context)
        guard space.images.count >= 2 else {
            throw .invalidInput("need at least two usable images in \(folders.joined(separator: ", ")), found \(space.images.count)")
        }
        let pairs = StratifiedPairSampler(count: count, bins: bins, seed: seed).sample(space)
        return Result(pairs: pairs, images: space.images.count, skipped: skipped)
    }
}
