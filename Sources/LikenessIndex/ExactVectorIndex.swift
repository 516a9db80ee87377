internal import COpenBLAS
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

    /// The stored (for cosine: normalised) vector with this id.
    public func vector(at id: Int) -> [Float] { Array(vectors[(id * dimension)..<((id + 1) * dimension)]) }

    /// GFLOP/s of one `size × size × dimension` sgemm on random data, for comparison in benchmarks.
    public static func sgemmRate(size: Int, dimension: Int) -> Double {
        let a = (0..<(size * dimension)).map { Float($0 % 97) / 97 }
        var c = [Float](repeating: 0, count: size * size)
        lk_sgemm_abt(Int32(size), Int32(size), Int32(dimension), a, a, &c) // warm-up
        let started = DispatchTime.now().uptimeNanoseconds
        let repeats = 3
        for _ in 0..<repeats { lk_sgemm_abt(Int32(size), Int32(size), Int32(dimension), a, a, &c) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Double(repeats) * 2 * Double(size) * Double(size) * Double(dimension) / seconds / 1e9
    }

    /// Threads OpenBLAS may use (process-wide).
    public static func setThreads(_ threads: Int) { lk_blas_set_threads(Int32(max(1, threads))) }

    /// Adds vectors; their ids continue from ``count``. Cosine indexes store unit vectors.
    public mutating func add(_ batch: [[Float]]) {
        for vector in batch {
            precondition(vector.count == dimension, "vector of length \(vector.count) added to a \(dimension)-d index")
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

    public func search(_ queries: [[Float]], k: Int) -> [[Neighbor]] {
        search(queries, k: k, within: metric.higherIsCloser ? -.infinity : .infinity)
    }

    public func range(_ queries: [[Float]], threshold: Float) -> [[Neighbor]] {
        let higher = metric.higherIsCloser
        var hits = queries.map { _ in [Neighbor]() }
        scan(queries) { q, id, score in
            if higher ? score >= threshold : score <= threshold { hits[q].append(Neighbor(id: id, score: score)) }
        }
        return hits.map { $0.sorted { Self.closer($0, $1, higher: higher) } }
    }

    /// Every pair of stored vectors (i < j) within `threshold`, by blocked self-products over the
    /// upper triangle. Memory: one `rowTile × rowTile` tile plus the pairs found, which can grow
    /// as N²/2 on dense data; ``neighborPairs(k:within:)`` bounds it.
    public func pairs(within threshold: Float) -> [(i: Int, j: Int, score: Float)] {
        var found: [(i: Int, j: Int, score: Float)] = []
        let higher = metric.higherIsCloser
        upperTriangle { i, j, score in
            if higher ? score >= threshold : score <= threshold { found.append((i, j, score)) }
        }
        return found
    }

    /// For every stored vector, its `k` closest other stored vectors within `threshold`, closest
    /// first (ties by lower id). Memory: one tile plus `count × k` neighbours, however dense the data.
    public func neighbors(k: Int, within threshold: Float) -> [[Neighbor]] {
        guard k > 0 else { return Array(repeating: [], count: count) }
        let higher = metric.higherIsCloser
        var tops = (0..<count).map { _ in TopK(k: k, higherIsBetter: higher) }
        upperTriangle { i, j, score in
            guard higher ? score >= threshold : score <= threshold else { return }
            tops[i].insert(Neighbor(id: j, score: score))
            tops[j].insert(Neighbor(id: i, score: score))
        }
        return tops.map { $0.sorted() }
    }

    /// The pairs (i < j) where either vector is among the other's `k` closest within `threshold`:
    /// at most `count × k` pairs, in order of `i`, then closeness.
    public func neighborPairs(k: Int, within threshold: Float) -> [(i: Int, j: Int, score: Float)] {
        let lists = neighbors(k: k, within: threshold)
        var found: [(i: Int, j: Int, score: Float)] = []
        for (i, list) in lists.enumerated() {
            for neighbor in list {
                // A pair listed from both ends is kept once, from its lower end.
                let j = neighbor.id
                if i < j || !lists[j].contains(where: { $0.id == i }) { found.append((Swift.min(i, j), Swift.max(i, j), neighbor.score)) }
            }
        }
        return found.sorted { ($0.i, $1.score, $0.j) < ($1.i, $0.score, $1.j) }
    }

    /// The stored vectors closest to each query, at most `k` and only those within `threshold`.
    public func search(_ queries: [[Float]], k: Int, within threshold: Float) -> [[Neighbor]] {
        guard k > 0, count > 0 else { return queries.map { _ in [] } }
        let higher = metric.higherIsCloser
        var tops = queries.map { _ in TopK(k: Swift.min(k, count), higherIsBetter: higher) }
        scan(queries) { q, id, score in
            if higher ? score >= threshold : score <= threshold { tops[q].insert(Neighbor(id: id, score: score)) }
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
                        lk_sgemm_abt(Int32(aCount), Int32(bCount), Int32(dimension),
                                     all.baseAddress! + a * dimension, all.baseAddress! + b * dimension, c.baseAddress!)
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

    static func closer(_ a: Neighbor, _ b: Neighbor, higher: Bool) -> Bool {
        a.score != b.score ? (higher ? a.score > b.score : a.score < b.score) : a.id < b.id
    }

    /// Visits every (query, stored vector) score, computed in `queryTile × rowTile` sgemm tiles.
    private func scan(_ queries: [[Float]], _ visit: (_ query: Int, _ id: Int, _ score: Float) -> Void) {
        var tileOut = [Float](repeating: 0, count: Swift.min(queryTile, queries.count) * Swift.min(rowTile, Swift.max(count, 1)))
        for start in stride(from: 0, to: queries.count, by: queryTile) {
            let rows = start..<Swift.min(start + queryTile, queries.count)
            var block = [Float]()
            block.reserveCapacity(rows.count * dimension)
            var norms: [Float] = []
            for q in rows {
                precondition(queries[q].count == dimension, "query of length \(queries[q].count) against a \(dimension)-d index")
                let prepared = prepare(queries[q])
                block += prepared
                norms.append(prepared.reduce(0) { $0 + $1 * $1 })
            }
            for r in stride(from: 0, to: count, by: rowTile) {
                let n = Swift.min(rowTile, count - r)
                vectors.withUnsafeBufferPointer { all in
                    block.withUnsafeBufferPointer { qs in
                        tileOut.withUnsafeMutableBufferPointer { c in
                            lk_sgemm_abt(Int32(rows.count), Int32(n), Int32(dimension), qs.baseAddress!, all.baseAddress! + r * dimension, c.baseAddress!)
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

/// A bounded selection of the best neighbours.
struct TopK {
    let k: Int
    let higherIsBetter: Bool
    private var items: [Neighbor] = []

    init(k: Int, higherIsBetter: Bool) {
        self.k = k
        self.higherIsBetter = higherIsBetter
        items.reserveCapacity(Swift.min(k, 16) + 1)
    }

    mutating func insert(_ candidate: Neighbor) {
        if items.count == k, let worst = items.last, !ExactVectorIndex.closer(candidate, worst, higher: higherIsBetter) { return }
        // Insertion into a sorted array: k is small.
        let position = items.firstIndex { ExactVectorIndex.closer(candidate, $0, higher: higherIsBetter) } ?? items.count
        items.insert(candidate, at: position)
        if items.count > k { items.removeLast() }
    }

    func sorted() -> [Neighbor] { items }
}
