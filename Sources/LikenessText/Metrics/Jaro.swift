/// Jaro similarity, in [0, 1]: with m scalars matching within a window and t half the number of
/// matched scalars that are out of order, (m/|a| + m/|b| + (m − t)/m) / 3, and 0 when m = 0.
///
/// A scalar of `b` matches an equal, not yet matched scalar of `a` at most
/// ⌊max(|a|, |b|)/2⌋ − 1 positions away (the first such, scanning left to right); t counts the
/// positions where the two in-order lists of matched scalars differ, halved (integer division),
/// as `jellyfish` and `rapidfuzz` do. Two empty strings are identical (1). Unicode scalars
/// (``ScalarText``).
///
/// Reference: M. A. Jaro, "Advances in record-linkage methodology as applied to matching the 1985
/// census of Tampa, Florida", J. American Statistical Association 84(406), 1989.
public enum Jaro {
    /// The Jaro similarity of `a` and `b`.
    public static func similarity(_ a: some StringProtocol, _ b: some StringProtocol) -> Double {
        similarity(ScalarText.scalars(a), ScalarText.scalars(b))
    }

    /// The Jaro similarity of two scalar sequences.
    ///
    /// Bit-parallel: `a`'s positions of each scalar are bit sets (``PatternBits``); each scalar of
    /// `b` takes the lowest unmatched position of its scalar inside its window, found a word at a
    /// time, so a match costs a few word operations rather than a scan of the window. The matches
    /// are those of the textbook greedy (the test oracle), so the result is the same.
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let bits = PatternBits(pa)
                return bits.withTable { table in matched(table, bits, pa, pb, window: window) }
            }
        }
    }

    /// Flags the matches word by word, then counts the matched scalars that are out of order.
    private static func matched(_ table: UnsafeBufferPointer<UInt64>, _ bits: PatternBits, _ a: UnsafeBufferPointer<UInt32>,
                                _ b: UnsafeBufferPointer<UInt32>, window: Int) -> Double {
        let wordsA = bits.words, wordsB = (b.count + 63) / 64
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordsA + wordsB) { flags in
            let flaggedA = flags.baseAddress!, flaggedB = flaggedA + wordsA
            flags.initialize(repeating: 0)
            var matches = 0
            for j in 0..<b.count {
                let low = max(0, j - window), high = min(a.count - 1, j + window)
                guard low <= high else { continue }
                let row = bits.rowStart(b[j])
                for word in (low >> 6)...(high >> 6) {
                    var candidates = table[row + word] & ~flaggedA[word]
                    if word == low >> 6 { candidates &= ~UInt64(0) << UInt64(low & 63) }
                    if word == high >> 6 && high & 63 != 63 { candidates &= (1 << UInt64((high & 63) + 1)) - 1 }
                    guard candidates != 0 else { continue }
                    flaggedA[word] |= candidates & (0 &- candidates)
                    flaggedB[j >> 6] |= 1 << UInt64(j & 63)
                    matches += 1
                    break
                }
            }
            guard matches > 0 else { return 0 }
            // Walk both flag sets in order, comparing the k-th matched scalar of each.
            var outOfOrder = 0
            var wordB = 0, pendingB = flaggedB[0]
            for wordA in 0..<wordsA {
                var pendingA = flaggedA[wordA]
                while pendingA != 0 {
                    while pendingB == 0 {
                        wordB += 1
                        pendingB = flaggedB[wordB]
                    }
                    let i = wordA << 6 | pendingA.trailingZeroBitCount
                    let j = wordB << 6 | pendingB.trailingZeroBitCount
                    if a[i] != b[j] { outOfOrder += 1 }
                    pendingA &= pendingA - 1
                    pendingB &= pendingB - 1
                }
            }
            let m = Double(matches)
            let t = Double(outOfOrder / 2)
            return (m / Double(a.count) + m / Double(b.count) + (m - t) / m) / 3
        }
    }
}
