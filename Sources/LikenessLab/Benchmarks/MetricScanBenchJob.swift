import Foundation
import LikenessCore
import LikenessEngine
import LikenessIndex
import LikenessNumerics

/// `bench metrics`: exact top-k search by each vector metric over the same stored vectors, in
/// comparisons per second: the BLAS index for cosine, dot, Euclidean, Pearson and Spearman, the
/// exact streaming scan of ``LikenessIndex/MetricIndex`` for the others (queries spread over the
/// cores).
/// `bench/metric_scan_peer.py` writes the vectors, times SciPy's `cdist` on the same queries in the
/// same run and checks that the nearest neighbours agree.
public struct MetricScanBenchJob: Job {
    /// A float32 `.npy` file of stored vectors, one per row.
    public var vectors: String
    /// A float32 `.npy` file of queries; nil: the first ``queryCount`` stored vectors.
    public var queries: String?
    /// Queries taken from the stored vectors when no query file is given.
    public var queryCount: Int
    public var metrics: [Metric]
    /// Neighbours per query.
    public var k: Int
    /// Passes per metric; the best is reported.
    public var repeats: Int

    public init(vectors: String, queries: String? = nil, queryCount: Int = 100, metrics: [Metric], k: Int = 10, repeats: Int = 1) {
        self.vectors = vectors
        self.queries = queries
        self.queryCount = queryCount
        self.metrics = metrics
        self.k = k
        self.repeats = max(1, repeats)
    }

    /// One metric's best pass.
    public struct Row: Codable, Sendable {
        public var metric: Metric
        /// True when the BLAS index served it, false for the streaming scan.
        public var blas: Bool
        /// Adding the vectors (checks; ranks for Spearman) and searching, best pass.
        public var seconds: Double
        /// Query–vector comparisons per second.
        public var comparisonsPerSecond: Double
        /// The `k` nearest ids of every query, for checking against a peer.
        public var neighbours: [[Int]]
    }

    public struct Result: Codable, Sendable {
        public var count: Int
        public var dimension: Int
        public var queries: Int
        public var k: Int
        /// Threads the scans ran on (every core).
        public var threads: Int
        public var rows: [Row]
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        guard !metrics.isEmpty else { throw .invalidInput("give at least one --metric") }
        guard k > 0 else { throw .invalidInput("--k takes a positive integer") }
        let stored = try Self.read(vectors)
        let asked = try queries.map { path throws(JobError) in try Self.read(path) } ?? stored.selecting(rows: Array(0..<min(queryCount, stored.rows)))
        guard stored.rows > 0, asked.rows > 0, asked.columns == stored.columns else {
            throw .invalidInput("need vectors and queries of one dimension (\(stored.rows) × \(stored.columns), \(asked.rows) × \(asked.columns))")
        }
        let (rows, queryRows) = (stored.rowArrays, asked.rowArrays)
        var result = Result(count: stored.rows, dimension: stored.columns, queries: asked.rows, k: k,
                            threads: ProcessInfo.processInfo.activeProcessorCount, rows: [])
        for metric in metrics {
            var best: Row?
            for _ in 0..<repeats {
                try context.checkCancellation()
                let started = ContinuousClock.now
                var index = MetricIndex(dimension: stored.columns, metric: metric)
                let found: [[Neighbor]]
                do {
                    try index.add(rows)
                    found = try index.search(queryRows, k: k)
                } catch { throw .invalidInput("\(metric.name): \(error.description)") }
                let seconds = (ContinuousClock.now - started).seconds
                let row = Row(metric: metric, blas: index.usesBLAS, seconds: seconds,
                              comparisonsPerSecond: Double(stored.rows * asked.rows) / seconds, neighbours: found.map { $0.map(\.id) })
                if best.map({ seconds < $0.seconds }) ?? true { best = row }
            }
            result.rows.append(best!)
        }
        return result
    }

    static func read(_ path: String) throws(JobError) -> Matrix {
        try InputPaths.requireExisting([path])
        do { return try NumpyFile.readMatrix(path) } catch { throw .file(path: path, message: String(describing: error)) }
    }
}
