import LikenessANN
import LikenessEngine
import LikenessAnalysis
import Foundation
import LikenessCore
import LikenessIndex

/// All-pairs near-duplicate grouping of seeded synthetic vectors with planted duplicates: wall time,
/// peak memory, how many planted pairs were found, and the rate of the matrix products against
/// plain sgemm measured in the same run.
/// With an approximate ``index`` (HNSW), the candidate pairs come from the graph, as in
/// `dupes --index hnsw`, and the graph's build is timed too.
public struct ScaleBenchmark: Sendable {
    public struct Result: Sendable, Codable {
        public var vectors: Int
        public var dimension: Int
        public var threshold: Float
        /// What the vectors were: `random` or `clustered` (``ScaleData``).
        public var data: String
        public var plantedPairs: Int
        /// Planted pairs among the pairs found.
        public var plantedFound: Int
        /// All pairs found within the threshold, planted or not.
        public var foundPairs: Int
        public var groups: Int
        /// Finding the pairs and grouping them (not the index's build).
        public var seconds: Double
        /// The index searched: `exact` or the approximate kind's settings.
        public var index: String?
        /// Building the index (adding the vectors; for HNSW, the graph).
        public var buildSeconds: Double?
        /// Multiply-adds of the upper-triangle products (n²/2 · d · 2) per second, in GFLOP/s.
        /// Exact search only: an approximate index does not compute those products, so a rate
        /// counted from them would be no measure of anything (nil).
        public var gflops: Double?
        /// A square sgemm of the same tile shape, same threads, in GFLOP/s (exact search only).
        public var sgemmPeakGflops: Double?
        /// ``gflops`` over ``sgemmPeakGflops`` (exact search only).
        public var fractionOfPeak: Double?
        public var peakResidentMegabytes: Double
    }

    public let count: Int
    public let dimension: Int
    public let threshold: Float
    public let threads: Int
    /// Which index finds each vector's neighbours. Default exact.
    public let index: IndexChoice
    /// Which vectors the twins are planted among. Default random.
    public let data: ScaleData

    public init(count: Int, dimension: Int, threshold: Float = 0.9, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                index: IndexChoice = .exact, data: ScaleData = .random) {
        self.count = count
        self.dimension = dimension
        self.threshold = threshold
        self.threads = threads
        self.index = index
        self.data = data
    }

    /// Runs it; `watch` reports an approximate index's build and can stop it.
    public func run(watch: IndexBuildWatch? = nil) throws -> Result {
        ExactVectorIndex.setThreads(threads)
        ApproximateVectorIndex.setThreads(threads)
        var (vectors, planted) = data.vectors(count: count, dimension: dimension)
        var started = Date()
        let (index, used) = try self.index.makeIndex(dimension: dimension, metric: .cosine, holding: vectors, watch: watch)
        let build = Date().timeIntervalSince(started)
        vectors = []
        started = Date()
        let pairs = index.neighborPairs(k: DuplicateConfiguration().neighbours, within: threshold)
        let plantedFound = pairs.filter { planted.contains(Int64($0.i) * Int64(count) + Int64($0.j)) }.count
        let groups = StarGrouping.groups(count: count, links: pairs.map { ($0.i, $0.j) }).count
        let seconds = Date().timeIntervalSince(started)
        var result = Result(vectors: count, dimension: dimension, threshold: threshold, data: data.rawValue,
                            plantedPairs: planted.count, plantedFound: plantedFound, foundPairs: pairs.count,
                            groups: groups, seconds: seconds, index: used.description, buildSeconds: build,
                            peakResidentMegabytes: PeakMemory.megabytes())
        if used == .exact {
            let rate = Double(count) * Double(count) / 2 * Double(dimension) * 2 / seconds / 1e9
            let peak = ExactVectorIndex.sgemmRate(size: 2048, dimension: dimension)
            (result.gflops, result.sgemmPeakGflops, result.fractionOfPeak) = (rate, peak, rate / peak)
        }
        return result
    }
}
