import LikenessNumerics
import Dispatch
import LikenessCore

/// Exact search by blocked matrix products (OpenBLAS sgemm): the reference every approximate
/// index is measured against.
///
/// Memory is the stored vectors (n × d floats) plus one tile of scores; an n × n matrix is never held.
public struct ExactVectorIndex: VectorIndex {
    public let metric: VectorMetric
    public let dimension: Int
    /// Row-major n × d.
    private(set) var vectors: [Float] = []
    /// Squared norms, for L2.
    private var squaredNorms: [Float] = []
    /// Queries per sgemm tile and stored rows per tile.
    let queryTile: Int
    let rowTile: Int

    public var count: Int { squaredNorms.count }

    public init(dimension: Int, metric: VectorMetric = .cosine, queryTile: Int = 256, rowTile: Int = 4096) {
        precondition(dimension > 0, "dimension must be positive")
        self.dimension = dimension
        self.metric = metric
        self.queryTile = max(1, queryTile)
        self.rowTile = max(1, rowTile)
    }

    /// The stored (for cosine: normalised) vector with this id, which must be below ``count``.
    public func vector(at id: Int) -> [Float] { Array(vectors[(id * dimension)..<((id + 1) * dimension)]) }

    /// GFLOP/s of one `size × size × dimension` sgemm on random data, for comparison in benchmarks.
    public static func sgemmRate(size: Int, dimension: Int) -> Double {
        let a = (0..<(size * dimension)).map { Float($0 % 97) / 97 }
        var c = [Float](repeating: 0, count: size * size)
        BLAS.productWithTranspose(m: size, n: size, k: dimension, a, a, into: &c) // warm-up
        let started = DispatchTime.now().uptimeNanoseconds
        let repeats = 3
        for _ in 0..<repeats { BLAS.productWithTranspose(m: size, n: size, k: dimension, a, a, into: &c) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Double(repeats) * 2 * Double(size) * Double(size) * Double(dimension) / seconds / 1e9
    }

    /// Threads OpenBLAS may use (process-wide).
    public static func setThreads(_ threads: Int) { BLAS.setThreads(threads) }

    /// Adds vectors; their ids continue from ``count``. Cosine indexes store unit vectors (a zero
    /// vector as it is). Nothing is added if any vector is refused.
    public mutating func add(_ batch: [[Float]]) throws(VectorIndexError) {
        try VectorIndexError.check(batch, dimension: dimension)
        vectors.reserveCapacity(vectors.count + batch.count * dimension)
        for vector in batch {
            let prepared = prepare(vector)
            vectors += prepared
            squaredNorms.append(prepared.reduce(0) { $0 + $1 * $1 })
        }
    }

    private func prepare(_ vector: [Float]) -> [Float] {
        guard metric == .cosine else { return vector }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    /// Every stored vector within `threshold` of each query, closest first (ties by lower id).
    public func range(_ queries: [[Float]], threshold: Float) throws(VectorIndexError) -> [[Neighbor]] {
        try VectorIndexError.check(queries, dimension: dimension)
        let metric = metric
        var hits = queries.map { _ in [Neighbor]() }
        scan(queries) { q, id, score in
            if metric.accepts(score, within: threshold) { hits[q].append(Neighbor(id: id, score: score)) }
        }
        return hits.map { $0.sorted { metric.ranks($0, before: $1) } }
    }

    /// Every pair of stored vectors (i < j) within `threshold`, by blocked self-products over the
    /// upper triangle. Memory: one `rowTile × rowTile` tile plus the pairs found, which can grow
    /// as N²/2 on dense data; ``neighborPairs(k:within:)`` bounds it.
    public func pairs(within threshold: Float) -> [(i: Int, j: Int, score: Float)] {
        var found: [(i: Int, j: Int, score: Float)] = []
        let metric = metric
        upperTriangle { i, j, score in
            if metric.accepts(score, within: threshold) { found.append((i, j, score)) }
        }
        return found
    }

    /// For every stored vector, its `k` closest other stored vectors within `threshold`, closest
    /// first (ties by lower id). Memory: one tile plus `count × k` neighbours, however dense the data.
    public func neighbors(k: Int, within threshold: Float) -> [[Neighbor]] {
        guard k > 0 else { return Array(repeating: [], count: count) }
        let metric = metric
        var tops = (0..<count).map { _ in TopK(k: k, metric: metric) }
        // Each list's entry bar (its worst once full, else the threshold): most pairs fail this one
        // comparison and never reach the insertion. Inclusive, so equal scores still meet the id tie rule.
        var bars = [Float](repeating: threshold, count: count)
        upperTriangle { i, j, score in
            if metric.accepts(score, within: bars[i]) {
                tops[i].insert(Neighbor(id: j, score: score))
                if let bar = tops[i].bar { bars[i] = bar }
            }
            if metric.accepts(score, within: bars[j]) {
                tops[j].insert(Neighbor(id: i, score: score))
                if let bar = tops[j].bar { bars[j] = bar }
            }
        }
        return tops.map { $0.sorted() }
    }

    /// The stored vectors closest to each query, at most `k` and only those within `threshold`.
    public func search(_ queries: [[Float]], k: Int, within threshold: Float) throws(VectorIndexError) -> [[Neighbor]] {
        try VectorIndexError.check(queries, dimension: dimension)
        guard k > 0, count > 0 else { return queries.map { _ in [] } }
        let metric = metric
        var tops = queries.map { _ in TopK(k: Swift.min(k, count), metric: metric) }
        scan(queries) { q, id, score in
            if metric.accepts(score, within: threshold) { tops[q].insert(Neighbor(id: id, score: score)) }
        }
        return tops.map { $0.sorted() }
    }

    /// Visits the score of every pair of stored vectors (i < j), in `rowTile × rowTile` sgemm tiles.
    @inline(__always)
    private func upperTriangle(_ visit: (_ i: Int, _ j: Int, _ score: Float) -> Void) {
        let tile = rowTile
        var scores = [Float](repeating: 0, count: tile * tile)
        vectors.withUnsafeBufferPointer { all in
            for a in stride(from: 0, to: count, by: tile) {
                let aCount = Swift.min(tile, count - a)
                for b in stride(from: a, to: count, by: tile) {
                    let bCount = Swift.min(tile, count - b)
                    scores.withUnsafeMutableBufferPointer { c in
                        BLAS.productWithTranspose(m: aCount, n: bCount, k: dimension,
                                                   all.baseAddress! + a * dimension, all.baseAddress! + b * dimension, into: c.baseAddress!)
                    }
                    for i in 0..<aCount {
                        for j in 0..<bCount where a + i < b + j {
                            visit(a + i, b + j, finish(scores[i * bCount + j], queryNorm: squaredNorms[a + i], row: b + j))
                        }
                    }
                }
            }
        }
    }

    /// Turns a dot product into the metric's score.
    @inline(__always)
    private func finish(_ dot: Float, queryNorm: Float, row: Int) -> Float {
        metric == .l2 ? Swift.max(0, queryNorm + squaredNorms[row] - 2 * dot).squareRoot() : dot
    }

    /// Visits every (query, stored vector) score, computed in `queryTile × rowTile` sgemm tiles.
    /// The queries have been checked.
    private func scan(_ queries: [[Float]], _ visit: (_ query: Int, _ id: Int, _ score: Float) -> Void) {
        var tileOut = [Float](repeating: 0, count: Swift.min(queryTile, queries.count) * Swift.min(rowTile, Swift.max(count, 1)))
        for start in stride(from: 0, to: queries.count, by: queryTile) {
            let rows = start..<Swift.min(start + queryTile, queries.count)
            var block = [Float]()
            block.reserveCapacity(rows.count * dimension)
            var norms: [Float] = []
            for q in rows {
                let prepared = prepare(queries[q])
                block += prepared
                norms.append(prepared.reduce(0) { $0 + $1 * $1 })
            }
            for r in stride(from: 0, to: count, by: rowTile) {
                let n = Swift.min(rowTile, count - r)
                vectors.withUnsafeBufferPointer { all in
                    block.withUnsafeBufferPointer { qs in
                        tileOut.withUnsafeMutableBufferPointer { c in
                            BLAS.productWithTranspose(m: rows.count, n: n, k: dimension, qs.baseAddress!, all.baseAddress! + r * dimension, into: c.baseAddress!)
                        }
                    }
                }
                for q in 0..<rows.count {
                    for j in 0..<n { visit(start + q, r + j, finish(tileOut[q * n + j], queryNorm: norms[q], row: r + j)) }
                }
            }
        }
    }
}
