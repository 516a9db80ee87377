import LikenessCore

/// `compare --vectors A B`: row i of one vector file against row i of the other, by each chosen
/// metric. A pair a metric cannot compare (a negative value under Jaccard, a constant vector
/// under Pearson, …) gets that metric's typed error in its cell, and the other cells go on.
public struct VectorCompareJob: Job {
    /// Text vector files (see ``VectorFile``) with the same number of vectors.
    public var a: String
    public var b: String
    /// Metrics, in output order. Default: every one (Minkowski at p = 3).
    public var metrics: [Metric]
    /// A ground-distance matrix file (``VectorFile`` rows: one per bin of A, one column per bin of
    /// B). With it, EMD is solved by ``Transportation`` over this matrix, and A and B may have
    /// different lengths; without it, EMD is the 1-D closed form over ordered bins.
    public var ground: String?

    public init(a: String, b: String, metrics: [Metric] = Metric.allNamed, ground: String? = nil) {
        self.a = a
        self.b = b
        self.metrics = metrics
        self.ground = ground
    }

    /// One metric's value on one pair, or why it has none.
    public struct Cell: Codable, Sendable, Equatable {
        public var metric: Metric
        public var value: Double?
        public var error: String?
    }

    /// One pair of vectors: its 1-based position in the files and every metric's cell.
    public struct Row: Codable, Sendable, Equatable {
        public var pair: Int
        public var cells: [Cell]
    }

    /// The metrics compared (with whether each is a similarity) and every pair's cells.
    public struct Result: Codable, Sendable, Equatable {
        public var metrics: [Metric]
        /// Per metric: true when higher is closer (a similarity).
        public var higherIsCloser: [Bool]
        public var rows: [Row]
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        guard !metrics.isEmpty else { throw .invalidInput("give at least one metric") }
        try InputPaths.requireExisting([a, b] + (ground.map { [$0] } ?? []))
        let (left, right) = (try VectorFile(path: a), try VectorFile(path: b))
        guard left.rows.count == right.rows.count else {
            throw .invalidInput("\(a) has \(left.rows.count) vectors and \(b) has \(right.rows.count); compare pairs them row by row")
        }
        let transport: Transportation?
        if let ground {
            let matrix = try VectorFile(path: ground).matrix()
            do { transport = try Transportation(supplyCount: matrix.rows, demandCount: matrix.columns, cost: matrix.values) } catch {
                throw .file(path: ground, message: error.description)
            }
        } else {
            transport = nil
        }
        var rows: [Row] = []
        for (index, (x, y)) in zip(left.rows, right.rows).enumerated() {
            try context.checkCancellation()
            let cells = metrics.map { metric in
                do throws(MetricError) {
                    let value = if metric == .emd, let transport {
                        try transport.solve(supply: x.values, demand: y.values).distance
                    } else {
                        try metric.measure(x.values, y.values)
                    }
                    return Cell(metric: metric, value: value)
                } catch {
                    return Cell(metric: metric, error: error.description)
                }
            }
            rows.append(Row(pair: index + 1, cells: cells))
        }
        return Result(metrics: metrics, higherIsCloser: metrics.map(\.higherIsCloser), rows: rows)
    }
}
