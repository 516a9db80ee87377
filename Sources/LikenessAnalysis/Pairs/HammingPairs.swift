import LikenessCore

/// All pairs of bit hashes within a Hamming radius, by a blocked exhaustive popcount scan.
///
/// Exact by construction (it is the reference for any later index). Memory is O(N); time is
/// O(N²/2) popcounts, split across workers by rows.
public enum HammingPairs {
    /// A pair `(i, j)` with `i < j` and its distance.
    public struct Pair: Hashable, Sendable {
        public var i: Int
        public var j: Int
        public var distance: Int
    }

    /// Every pair with distance ≤ `radius`.
    public static func within(_ radius: Int, of hashes: [BitHash], workers: Int = 1) -> [Pair] {
        guard hashes.count > 1 else { return [] }
        let wordCount = hashes[0].words.count
        precondition(hashes.allSatisfy { $0.words.count == wordCount && $0.count == hashes[0].count },
                     "all hashes must have the same length")
        let flat = hashes.flatMap(\.words)
        let rows = Array(0..<hashes.count)
        // Interleave rows so every worker gets a similar share of the triangle.
        let chunks = (0..<max(1, workers)).map { w in rows.filter { $0 % max(1, workers) == w } }
        let found = ParallelWork.map(chunks, workers: workers) { mine -> [Pair] in
            var pairs: [Pair] = []
            flat.withUnsafeBufferPointer { words in
                for i in mine {
                    let a = i * wordCount
                    for j in (i + 1)..<hashes.count {
                        let b = j * wordCount
                        var distance = 0
                        for w in 0..<wordCount { distance &+= (words[a + w] ^ words[b + w]).nonzeroBitCount }
                        if distance <= radius { pairs.append(Pair(i: i, j: j, distance: distance)) }
                    }
                }
            }
            return pairs
        }
        return found.flatMap { $0 }.sorted { ($0.i, $0.j) < ($1.i, $1.j) }
    }
}
