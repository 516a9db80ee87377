import Foundation
import LikenessANN
import LikenessCore
import LikenessIndex

/// Approximate search against exact search on seeded clustered vectors: recall@1 and @10, queries
/// per second one query at a time on one thread and in one batch on every core, build time and
/// the index's size. Optionally writes the vectors and the exact answers for the Python peers
/// (bench/ann_peer.py), which measure faiss-cpu and hnswlib on the same data and settings.
public struct ANNBenchmark: Sendable {
    /// One index measured.
    public struct Row: Sendable, Codable {
        /// `exact`, or the approximate kind's settings.
        public var index: String
        public var buildSeconds: Double
        /// Size of the index written to a file (the exact index: its vectors).
        public var indexMegabytes: Double
        /// Resident memory added while building.
        public var residentGrowthMegabytes: Double
        public var recallAt1: Double
        public var recallAt10: Double
        /// One query per call, one thread.
        public var queriesPerSecondSingle: Double
        /// All queries in one call, every core.
        public var queriesPerSecondBatched: Double
    }

    public struct Result: Sendable, Codable {
        public var vectors: Int
        public var dimension: Int
        public var queries: Int
        public var clusters: Int
        public var metric: String
        public var threads: Int
        public var rows: [Row]
        /// With ``compareGenericKernels``: each index that searched on the shim's AVX2 kernels,
        /// searched again (as built) on Debian's generic FAISS distance code.
        public var genericKernelRows: [Row]
        /// Where the vectors and exact answers were written, if asked.
        public var dataDirectory: String?
    }

    public var count: Int
    public var dimension: Int
    public var queries: Int
    public var kinds: [ApproximateIndexKind]
    public var threads: Int
    public var seed: UInt64
    public var dataDirectory: String?
    /// More HNSW `ef` values to search each HNSW graph with after its own (no rebuild), one row each.
    public var efSweep: [Int]
    /// More IVF `nprobe` values to search each inverted file with after its own, one row each.
    public var nprobeSweep: [Int]
    /// Read the vectors and exact answers an earlier run wrote with `dataDirectory` from here
    /// instead of generating them and running the exact index (no `exact` row then).
    public var sourceDirectory: String?
    /// Also search each index that uses the shim's AVX2 kernels with FAISS's own generic code, on
    /// the same graph or lists in the same run (``Result/genericKernelRows``).
    public var compareGenericKernels: Bool

    public init(count: Int, dimension: Int, queries: Int = 1_000, kinds: [ApproximateIndexKind], threads: Int, seed: UInt64 = 1,
                dataDirectory: String? = nil, efSweep: [Int] = [], nprobeSweep: [Int] = [], sourceDirectory: String? = nil,
                compareGenericKernels: Bool = false) {
        self.count = count
        self.dimension = dimension
        self.queries = queries
        self.kinds = kinds
        self.threads = threads
        self.seed = seed
        self.dataDirectory = dataDirectory
        self.efSweep = efSweep
        self.nprobeSweep = nprobeSweep
        self.sourceDirectory = sourceDirectory
        self.compareGenericKernels = compareGenericKernels
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        let stored: [[Float]], asked: [[Float]], truth: [[Int]]
        var rows: [Row] = [], genericRows: [Row] = []
        if let sourceDirectory {
            progress("reading the vectors and exact answers in \(sourceDirectory)")
            (stored, asked, truth) = try ANNBenchmarkFiles.read(from: sourceDirectory)
        } else {
            let data = SyntheticClusters(dimension: dimension, clusters: Self.clusters(count), seed: seed)
            stored = data.vectors(count)
            asked = data.vectors(queries, stream: 1)
            progress("exact index over \(count) × \(dimension)")
            let exactRow: Row
            (exactRow, truth) = try measureExact(stored, asked)
            if let dataDirectory { try ANNBenchmarkFiles.write(stored: stored, queries: asked, truth: truth, to: dataDirectory) }
            rows.append(exactRow)
        }
        for kind in kinds {
            progress("building \(kind.text) over \(stored.count) × \(stored.first?.count ?? 0)")
            let measured = try measure(kind, stored, asked, truth: truth, progress: progress)
            rows += measured.rows
            genericRows += measured.generic
        }
        return Result(vectors: stored.count, dimension: stored.first?.count ?? dimension, queries: asked.count, clusters: Self.clusters(stored.count),
                      metric: "cosine", threads: threads, rows: rows, genericKernelRows: genericRows, dataDirectory: dataDirectory ?? sourceDirectory)
    }

    /// Clusters of the synthetic data: one per 100 vectors, at least 10.
    static func clusters(_ count: Int) -> Int { Swift.max(10, count / 100) }

    /// `kind` searched with each other setting of the sweeps (`ef` for HNSW, `nprobe` for IVF).
    func retunings(of kind: ApproximateIndexKind) -> [ApproximateIndexKind] {
        switch kind {
        case .hnsw(let p):
            return efSweep.filter { $0 != p.efSearch }.map { var q = p; q.efSearch = $0; return .hnsw(q) }
        case .ivfFlat(let p):
            return nprobeSweep.filter { $0 != p.nprobe }.map { var q = p; q.nprobe = $0; return .ivfFlat(q) }
        case .ivfPQ(let p):
            return nprobeSweep.filter { $0 != p.ivf.nprobe }.map { var q = p; q.ivf.nprobe = $0; return .ivfPQ(q) }
        }
    }

    /// The exact index: its build, its speed and its answers (top 10 of each query), the ground truth.
    private func measureExact(_ stored: [[Float]], _ asked: [[Float]]) throws -> (Row, [[Int]]) {
        let before = Self.residentMegabytes()
        var started = Date()
        var exact = ExactVectorIndex(dimension: dimension, metric: .cosine)
        try exact.add(stored)
        let build = Date().timeIntervalSince(started)
        let growth = Self.residentMegabytes() - before
        ExactVectorIndex.setThreads(threads)
        started = Date()
        let truth = try exact.search(asked, k: 10).map { $0.map(\.id) }
        let batched = Double(asked.count) / Date().timeIntervalSince(started)
        ExactVectorIndex.setThreads(1)
        let sample = Array(asked.prefix(Swift.max(1, Swift.min(asked.count, 100))))
        started = Date()
        for query in sample { _ = try exact.search([query], k: 10) }
        let single = Double(sample.count) / Date().timeIntervalSince(started)
        ExactVectorIndex.setThreads(threads)
        let row = Row(index: "exact", buildSeconds: build, indexMegabytes: Double(stored.count * dimension * 4) / 1_048_576,
                      residentGrowthMegabytes: growth, recallAt1: 1, recallAt10: 1, queriesPerSecondSingle: single, queriesPerSecondBatched: batched)
        return (row, truth)
    }

    /// One approximate kind: build on every core, then search it as built and with each other
    /// setting of ``efSweep`` or ``nprobeSweep`` (one row each, the build columns repeated); with
    /// ``compareGenericKernels``, as built once more on FAISS's generic code.
    private func measure(_ kind: ApproximateIndexKind, _ stored: [[Float]], _ asked: [[Float]], truth: [[Int]],
                         progress: (String) -> Void) throws -> (rows: [Row], generic: [Row]) {
        // The data's own length: read from files, it need not be the configured one.
        let dimension = stored.first?.count ?? self.dimension
        ApproximateVectorIndex.setThreads(threads)
        let before = Self.residentMegabytes()
        let started = Date()
        var index = try ApproximateVectorIndex(dimension: dimension, metric: .cosine, kind: kind)
        // Trained (IVF kinds) on the first batch, as a job would: up to the training size, then the rest.
        try index.add(stored)
        let build = Date().timeIntervalSince(started)
        let growth = Self.residentMegabytes() - before
        let file = NSTemporaryDirectory() + "likeness-ann-\(UUID().uuidString.prefix(8)).faiss"
        try index.write(to: file)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        try? FileManager.default.removeItem(atPath: file)
        var rows = [try measureSearch(index, asked, truth: truth, build: build, megabytes: Double(bytes) / 1_048_576, growth: growth)]
        var generic: [Row] = []
        if compareGenericKernels && index.usesAVX2Kernels {
            progress("searching \(index.kind.text) on FAISS's generic distance code")
            try index.setAVX2Kernels(false)
            generic.append(try measureSearch(index, asked, truth: truth, build: build, megabytes: Double(bytes) / 1_048_576, growth: growth))
            try index.setAVX2Kernels(true)
        }
        for other in retunings(of: kind) {
            try index.retune(to: other)
            progress("searching \(index.kind.text)")
            rows.append(try measureSearch(index, asked, truth: truth, build: build, megabytes: Double(bytes) / 1_048_576, growth: growth))
        }
        return (rows, generic)
    }

    /// Queries in one batch on every core and one at a time on one thread; recall of the latter against `truth`.
    private func measureSearch(_ index: ApproximateVectorIndex, _ asked: [[Float]], truth: [[Int]], build: Double, megabytes: Double,
                               growth: Double) throws -> Row {
        ApproximateVectorIndex.setThreads(threads)
        var started = Date()
        _ = try index.search(asked, k: 10)
        let batched = Double(asked.count) / Date().timeIntervalSince(started)
        ApproximateVectorIndex.setThreads(1)
        started = Date()
        var singleLists: [[Neighbor]] = []
        for query in asked { singleLists.append(try index.search([query], k: 10)[0]) }
        let single = Double(asked.count) / Date().timeIntervalSince(started)
        ApproximateVectorIndex.setThreads(threads)
        var hits1 = 0, hits10 = 0
        for (found, expected) in zip(singleLists, truth) {
            if let first = found.first?.id, first == expected.first { hits1 += 1 }
            hits10 += Set(found.map(\.id)).intersection(expected).count
        }
        return Row(index: index.kind.text, buildSeconds: build, indexMegabytes: megabytes, residentGrowthMegabytes: growth,
                   recallAt1: Double(hits1) / Double(asked.count), recallAt10: Double(hits10) / Double(asked.count * 10),
                   queriesPerSecondSingle: single, queriesPerSecondBatched: batched)
    }

    /// Current resident memory (VmRSS), in MB.
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}
