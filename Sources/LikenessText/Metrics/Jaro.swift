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
        ScalarText.withScalars(a) { pa in ScalarText.withScalars(b) { pb in similarity(pa, pb) } }
    }

    /// The Jaro similarity of two scalar sequences.
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in similarity(pa, pb) } }
    }

    /// The Jaro similarity of two scalar buffers.
    ///
    /// Bit-parallel: `a`'s positions of each scalar are bit sets (``PatternBits``), and the matched
    /// positions of both strings are bit sets too. Each scalar of `b` takes the lowest position
    /// still unmatched in its scalar's row inside its window — the lowest set bit of the row's
    /// first non-empty word there, after which that bit is cleared — so a match costs a few word
    /// operations rather than a scan of the window; the transpositions are then counted by walking
    /// both matched sets in step. The matches are those
    /// of the textbook greedy (the test oracle), so the result is the same. Two shortcuts leave it
    /// unchanged: a common prefix is matched position to position (each of its scalars finds its
    /// twin, the lowest unmatched position holding it), and scalars of `b` beyond |a| + window
    /// have no position of `a` in their window.
    public static func similarity(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var prefix = 0
        let shorter = min(a.count, b.count)
        while prefix < shorter && a[prefix] == b[prefix] { prefix += 1 }
        var matches = prefix, outOfOrder = 0
        let endB = min(b.count, a.count + window)
        if prefix < a.count && prefix < endB {
            let restA = UnsafeBufferPointer(rebasing: a[prefix...]), restB = UnsafeBufferPointer(rebasing: b[prefix..<endB])
            let rest = PatternBits.with(restA) { bits in matched(bits, restA, restB, window: window) }
            matches += rest.matches
            outOfOrder = rest.outOfOrder
        }
        guard matches > 0 else { return 0 }
        let m = Double(matches)
        let t = Double(outOfOrder / 2)
        return (m / Double(a.count) + m / Double(b.count) + (m - t) / m) / 3
    }

    /// Flags the matches word by word, then counts the matched scalars that are out of order.
    /// Every scalar of `b` has a window inside `a` (`b` is at most |a| + window long).
    ///
    /// The pattern's rows are consumed as positions match, and each row keeps a frontier: the
    /// first word that may still hold a position to match. Windows only move right, so a word
    /// left of the window, or emptied, never serves again; the frontier skips it once instead of
    /// every later scalar of that row scanning it.
    @inline(__always)
    private static func matched(_ bits: PatternBits, _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>,
                                window: Int) -> (matches: Int, outOfOrder: Int) {
        let wordsA = bits.words, wordsB = (b.count + 63) / 64
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: wordsA + wordsB + bits.rows) { scratch in
            scratch.initialize(repeating: 0)
            let base = UnsafeMutableRawPointer(scratch.baseAddress!)
            let flaggedA = base.assumingMemoryBound(to: UInt64.self), flaggedB = flaggedA + wordsA
            let frontier = (base + 8 * (wordsA + wordsB)).assumingMemoryBound(to: Int.self)
            var matches = 0
            let lastA = a.count - 1
            for wordB in 0..<wordsB {
                // The word of `b`'s flags being filled stays in a register.
                var flags: UInt64 = 0
                for j in (wordB &<< 6)..<min(b.count, (wordB &+ 1) &<< 6) {
                    let number = bits.rowNumber(b[j])
                    guard number != 0 else { continue }
                    let row = bits.row(number: number)
                    let low = j > window ? j &- window : 0, high = min(lastA, j &+ window)
                    let lowWord = low &>> 6, lastWord = high &>> 6
                    var word = frontier[number]
                    if word <= lowWord {
                        // Positions left of the window never match again.
                        word = lowWord
                        row[word] &= ~UInt64(0) &<< UInt64(low & 63)
                    }
                    while word <= lastWord && row[word] == 0 { word &+= 1 }
                    frontier[number] = word
                    guard word <= lastWord else { continue }
                    var candidates = row[word]
                    if word == lastWord { candidates &= ~UInt64(0) &>> UInt64(63 &- high & 63) }
                    guard candidates != 0 else { continue }
                    let lowest = candidates & (0 &- candidates)
                    row[word] ^= lowest
                    flaggedA[word] |= lowest
                    flags |= 1 &<< UInt64(j & 63)
                    matches &+= 1
                }
                flaggedB[wordB] = flags
            }
            guard matches > 0 else { return (0, 0) }
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
            return (matches, outOfOrder)
        }
    }
}
