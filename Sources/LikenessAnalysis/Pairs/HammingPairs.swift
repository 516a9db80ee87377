import LikenessCore

/// All pairs of bit hashes within a Hamming radius, by the exhaustive popcount scan of ``AllPairs``.
///
/// Exact by construction (it is the reference for any later index). Memory is O(N); time is
/// O(N²/2) popcounts, split across workers by rows.
public enum HammingPairs {
    /// A pair `(i, j)` with `i < j` and its distance in bits.
    public typealias Pair = AllPairs.Pair<Int>

    /// Every pair with distance ≤ `radius`, ordered by `(i, j)`.
    public static func within(_ radius: Int, of hashes: [BitHash], workers: Int = 1) -> [Pair] {
        guard hashes.count > 1 else { return [] }
        let wordCount = hashes[0].words.count
        precondition(hashes.allSatisfy { $0.words.count == wordCount && $0.count == hashes[0].count },
                     "all hashes must have the same length")
        let flat = hashes.flatMap(\.words)
        return AllPairs.within(radius, count: hashes.count, workers: workers) { i, j in
            flat.withUnsafeBufferPointer { words in
                var distance = 0
                for w in 0..<wordCount { distance &+= (words[i * wordCount + w] ^ words[j * wordCount + w]).nonzeroBitCount }
                return distance
            }
        }
    }
}
