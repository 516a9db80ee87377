import LikenessCore

extension ApproximateHammingIndex {
    /// The `k` stored hashes the index finds closest to each query, closest first (ties by lower id).
    public func search(_ queries: [BitHash], k: Int) throws(ANNError) -> [[Match]] {
        let packed = try pack(queries)
        guard k > 0, count > 0 else { return queries.map { _ in [] } }
        return try nearest(packed, k: Swift.min(k, count))
    }

    /// Every pair of stored hashes (i < j) within `radius` bits that the index finds from either
    /// end, ordered by `(i, j)`. For each stored hash, `k` grows until the last result found lies
    /// beyond the radius, so a flat index finds exactly the pairs of an exhaustive Hamming scan.
    public func pairs(within radius: Int) throws(ANNError) -> [(i: Int, j: Int, distance: Int)] {
        var found: [(i: Int, j: Int, distance: Int)] = []
        let block = 4_096
        for first in stride(from: 0, to: count, by: block) {
            let n = Swift.min(block, count - first)
            let rows = Array(codes[(first * codeSize)..<((first + n) * codeSize)])
            for (offset, list) in try within(rows, radius: radius).enumerated() {
                let own = first + offset
                for match in list where match.id != own {
                    found.append(own < match.id ? (own, match.id, match.distance) : (match.id, own, match.distance))
                }
            }
        }
        found.sort { ($0.i, $0.j) < ($1.i, $1.j) }
        var unique: [(i: Int, j: Int, distance: Int)] = []
        unique.reserveCapacity(found.count)
        for pair in found where unique.last.map({ $0.i != pair.i || $0.j != pair.j }) ?? true { unique.append(pair) }
        return unique
    }

    /// The matches within `radius` of each packed query: a top-k search whose `k` doubles for the
    /// queries whose last result is still within the radius, until every stored code is covered.
    func within(_ rows: [UInt8], radius: Int) throws(ANNError) -> [[Match]] {
        let n = rows.count / codeSize
        var results = [[Match]](repeating: [], count: n)
        var pending = Array(0..<n)
        var k = Swift.min(16, count)
        while !pending.isEmpty, k > 0 {
            var asked: [UInt8] = []
            asked.reserveCapacity(pending.count * codeSize)
            for q in pending { asked += rows[(q * codeSize)..<((q + 1) * codeSize)] }
            let lists = try nearest(asked, k: k)
            var next: [Int] = []
            for (q, list) in zip(pending, lists) {
                results[q] = list.filter { $0.distance <= radius }
                if list.count == k, k < count, let last = list.last, last.distance <= radius { next.append(q) }
            }
            pending = next
            k = Swift.min(k * 2, count)
        }
        return results
    }

    /// FAISS's `k` nearest of each packed query, closest first and ties by lower id.
    func nearest(_ rows: [UInt8], k: Int) throws(ANNError) -> [[Match]] {
        let n = rows.count / codeSize
        guard n > 0, k > 0, count > 0 else { return Array(repeating: [], count: n) }
        let raw = try storage.search(rows, k: k)
        return (0..<n).map { q in
            var list: [Match] = []
            list.reserveCapacity(k)
            for slot in (q * k)..<((q + 1) * k) where raw.ids[slot] >= 0 {
                list.append(Match(id: Int(raw.ids[slot]), distance: Int(raw.distances[slot])))
            }
            return list.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
        }
    }
}
