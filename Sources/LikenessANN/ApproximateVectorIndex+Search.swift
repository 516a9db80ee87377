import LikenessCore

extension ApproximateVectorIndex {
    /// The stored vectors closest to each query, at most `k` and only those within `threshold`.
    public func search(_ queries: [[Float]], k: Int, within threshold: Float) throws(VectorIndexError) -> [[Neighbor]] {
        try VectorIndexError.check(queries, dimension: dimension)
        guard k > 0, count > 0 else { return queries.map { _ in [] } }
        let metric = metric
        do { return try nearest(prepared(queries), k: Swift.min(k, count)).map { $0.filter { metric.accepts($0.score, within: threshold) } } } catch {
            throw error.vectorIndexError
        }
    }

    /// Every stored vector within `threshold` of each query that the index finds, closest first:
    /// a top-k search whose `k` grows until the last result falls outside the threshold.
    public func range(_ queries: [[Float]], threshold: Float) throws(VectorIndexError) -> [[Neighbor]] {
        try VectorIndexError.check(queries, dimension: dimension)
        do { return try within(prepared(queries), threshold: threshold) } catch { throw error.vectorIndexError }
    }

    /// For every stored vector, its `k` closest other stored vectors within `threshold`: a batched
    /// search with each stored vector as a query, itself left out.
    public func neighbors(k: Int, within threshold: Float) -> [[Neighbor]] {
        guard k > 0 else { return Array(repeating: [], count: count) }
        let metric = metric, wanted = Swift.min(k + 1, count)
        var lists: [[Neighbor]] = []
        lists.reserveCapacity(count)
        forEachStoredBlock { first, rows in
            for (offset, list) in Self.unfailing({ () throws(ANNError) in try nearest(rows, k: wanted) }).enumerated() {
                let own = first + offset
                lists.append(Array(list.lazy.filter { $0.id != own && metric.accepts($0.score, within: threshold) }.prefix(k)))
            }
        }
        return lists
    }

    /// Every pair of stored vectors (i < j) within `threshold` that the index finds from either end.
    public func pairs(within threshold: Float) -> [(i: Int, j: Int, score: Float)] {
        var seen = Set<Int64>()
        var found: [(i: Int, j: Int, score: Float)] = []
        let n = Int64(count)
        forEachStoredBlock { first, rows in
            for (offset, list) in Self.unfailing({ () throws(ANNError) in try within(rows, threshold: threshold) }).enumerated() {
                let own = first + offset
                for hit in list where hit.id != own {
                    let (i, j) = (Swift.min(own, hit.id), Swift.max(own, hit.id))
                    if seen.insert(Int64(i) * n + Int64(j)).inserted { found.append((i, j, hit.score)) }
                }
            }
        }
        return found
    }

    /// Stored vectors read back in blocks, so a whole-index scan never copies every vector at once;
    /// each block done is reported to ``searchProgress``.
    private func forEachStoredBlock(_ body: (_ first: Int, _ rows: [Float]) -> Void) {
        let block = 4_096
        searchProgress?.begin(IndexBuildWatch.searchPhase, total: count)
        defer { searchProgress?.end(IndexBuildWatch.searchPhase) }
        for first in stride(from: 0, to: count, by: block) {
            let n = Swift.min(block, count - first)
            do { body(first, try storage.reconstruct(first: first, count: n)) } catch {
                preconditionFailure("FAISS could not read vectors \(first)..<\(first + n): \(error)")
            }
            searchProgress?.advance(IndexBuildWatch.searchPhase, completed: first + n, total: count)
        }
    }

    /// Top-k range search for prepared queries: `k` grows fourfold for the queries whose last
    /// result was still within the threshold.
    private func within(_ rows: [Float], threshold: Float) throws(ANNError) -> [[Neighbor]] {
        let n = rows.count / dimension
        guard count > 0 else { return Array(repeating: [], count: n) }
        let metric = metric
        var results = [[Neighbor]](repeating: [], count: n)
        var pending = Array(0..<n)
        var k = Swift.min(count, 64)
        while !pending.isEmpty {
            var block: [Float] = []
            block.reserveCapacity(pending.count * dimension)
            for q in pending { block += rows[(q * dimension)..<((q + 1) * dimension)] }
            var next: [Int] = []
            for (slot, list) in try nearest(block, k: k).enumerated() {
                let kept = list.filter { metric.accepts($0.score, within: threshold) }
                if kept.count == k && k < count { next.append(pending[slot]) } else { results[pending[slot]] = kept }
            }
            pending = next
            k = Swift.min(count, k * 4)
        }
        return results
    }

    /// The `k` nearest stored vectors of each prepared query, as contract scores, closest first
    /// with ties by lower id.
    func nearest(_ rows: [Float], k: Int) throws(ANNError) -> [[Neighbor]] {
        let n = rows.count / dimension
        guard n > 0, k > 0, count > 0 else { return Array(repeating: [], count: n) }
        let raw: (scores: [Float], ids: [Int64])
        raw = try storage.search(rows, k: k)
        let metric = metric
        return (0..<n).map { q in
            var list: [Neighbor] = []
            list.reserveCapacity(k)
            for slot in (q * k)..<((q + 1) * k) where raw.ids[slot] >= 0 {
                let score = raw.scores[slot]
                list.append(Neighbor(id: Int(raw.ids[slot]), score: metric == .l2 ? Swift.max(0, score).squareRoot() : score))
            }
            return list.sorted { metric.ranks($0, before: $1) }
        }
    }

    /// Runs a search for the whole-index calls the ``VectorIndex`` contract does not let throw
    /// (``neighbors(k:within:)``, ``pairs(within:)``): their queries are the index's own vectors, so
    /// FAISS failing there is out of memory or a bug, which stops the process with FAISS's message.
    static func unfailing<T>(_ body: () throws(ANNError) -> T) -> T {
        do { return try body() } catch { preconditionFailure("FAISS search failed: \(error)") }
    }
}
