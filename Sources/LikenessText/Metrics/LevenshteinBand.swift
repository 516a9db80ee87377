/// The block version of the bit-parallel Levenshtein column step restricted to a band: given an
/// upper bound `k` on the distance, only the 64-row words of the pattern that can hold a cell of
/// some alignment costing at most `k` are advanced (Ukkonen's cut-off on top of Myers/Hyyrö).
///
/// Rows are the pattern's scalars (1...m), columns the text's (1...n); D is the DP matrix. A cell
/// (i, j) can lie on an alignment of cost ≤ k only if D[i][j] + |(m − i) − (n − j)| ≤ k, the
/// second term being the fewest edits the rest of the strings need. Two rules follow:
///
/// - **Bottom (static).** D[i][j] ≥ i − j, so rows below j + ⌊(k + m − n)/2⌋ are not needed yet;
///   a word is started (vertical deltas all +1, an over-estimate) when the band reaches it.
/// - **Top (dynamic).** Vertical deltas are −1, 0 or +1, so every cell of the top word is at least
///   its bottom value minus the rows above it. When even that bound plus the remaining edits
///   exceeds `k`, the word is dropped for good; the word below then reads a horizontal delta of +1
///   from above, again an over-estimate.
///
/// Over-estimates never reach a cell of an alignment costing ≤ k, because every cell on such an
/// alignment passes both tests, so the bottom-right value is exact whenever the distance is ≤ k.
/// The bound also tightens as the scan goes: D[m][n] ≤ D[r][j] + max(m − r, n − j) for the
/// current bottom cell (r, j). When no word is left, the distance exceeds `k`.
///
/// References: E. Ukkonen, "Algorithms for approximate string matching", Information and Control
/// 64, 1985; H. Hyyrö, "A bit-vector algorithm for computing Levenshtein and Damerau edit
/// distances", Nordic J. Computing 10, 2003.
enum LevenshteinBand {
    /// What one banded scan found.
    enum Outcome: Equatable {
        /// The exact distance, which is at most the bound.
        case distance(Int)
        /// The distance exceeds the bound; the scan gave up at this column (1-based).
        case exceeded(column: Int)
    }

    /// Scans `text` against the pattern whose bits are `bits` (of `length` m scalars, more than 0)
    /// with the distance bound `bound`, which must be at least |m − n|. `state` is the caller's
    /// scratch of at least 2 × `bits.words` words; its contents on entry do not matter.
    static func scan(_ bits: PatternBits, length m: Int, _ text: UnsafeBufferPointer<UInt32>, bound: Int,
                     state: UnsafeMutablePointer<UInt64>) -> Outcome {
        let n = text.count
        let words = bits.words
        let lastWord = words - 1
        let lengthDifference = m - n
        precondition(m > 0 && bound >= abs(lengthDifference), "LevenshteinBand.scan needs a bound of at least |m - n|")
        let vp = state, vn = state + words
        // Bits of the pattern's last row in the last word, and the mask of its valid rows.
        let lastShift = UInt64((m - 1) & 63)
        let lastMask: UInt64 = lastShift == 63 ? ~0 : (1 &<< (lastShift + 1)) &- 1

        /// The last row (1-based) of word `word`.
        @inline(__always) func bottomRow(_ word: Int) -> Int { word == lastWord ? m : (word &+ 1) &<< 6 }

        var k = bound
        var low = 0
        var high = 0
        vp[0] = ~0
        vn[0] = 0
        // D at the bottom rows of the first and last words of the band, in the current column.
        var topScore = bottomRow(0)
        var bottomScore = topScore
        var bottomShift: UInt64 = lastWord == 0 ? lastShift : 63

        for column in 1...n {
            // Bottom: start the words the band reaches in this column.
            let reach = min(m, column &+ (k &+ lengthDifference) >> 1)
            while high < lastWord && bottomRow(high) < reach {
                high += 1
                vp[high] = ~0
                vn[high] = 0
                bottomScore += bottomRow(high) - bottomRow(high - 1)
                bottomShift = high == lastWord ? lastShift : 63
            }

            let row = bits.row(text[column &- 1])
            var hpCarry: UInt64 = 1, hnCarry: UInt64 = 0
            var word = low
            if low < high {
                // The top word on its own, to follow its bottom value.
                step(row[word], &vp[word], &vn[word], &hpCarry, &hnCarry)
                topScore &+= Int(hpCarry) &- Int(hnCarry)
                word &+= 1
                while word < high {
                    step(row[word], &vp[word], &vn[word], &hpCarry, &hnCarry)
                    word &+= 1
                }
            }
            // The bottom word, whose delta is read at its last row (the pattern's, for the last word).
            let pv = vp[high], mv = vn[high]
            let x = row[high] | hnCarry
            let d0 = (((x & pv) &+ pv) ^ pv) | x | mv
            let hp = mv | ~(d0 | pv)
            let hn = d0 & pv
            bottomScore &+= Int(truncatingIfNeeded: (hp >> bottomShift) & 1) &- Int(truncatingIfNeeded: (hn >> bottomShift) & 1)
            let shiftedP = (hp << 1) | hpCarry, shiftedN = (hn << 1) | hnCarry
            vp[high] = shiftedN | ~(d0 | shiftedP)
            vn[high] = shiftedP & d0
            if low == high { topScore = bottomScore }

            // The bound tightens: finish from the bottom cell of the band straight to the end.
            k = min(k, bottomScore &+ max(n &- column, m &- bottomRow(high)))

            // Top: drop words none of whose cells can be on an alignment costing ≤ k. Word 0 also
            // answers for row 0 (D[0][j] = j, one vertical delta above its first row), which an
            // alignment starting with insertions runs along and no word holds.
            while true {
                let first = low == 0 ? 0 : (low << 6) + 1
                let floor = topScore &- (bottomRow(low) &- first) &+ abs((m &- first) &- (n &- column))
                if floor <= k { break }
                if low == high { return .exceeded(column: column) }
                low += 1
                let mask: UInt64 = low == lastWord ? lastMask : ~0
                topScore &+= (vp[low] & mask).nonzeroBitCount &- (vn[low] & mask).nonzeroBitCount
                assert(low < high || topScore == bottomScore)
            }
        }
        return bottomScore <= bound ? .distance(bottomScore) : .exceeded(column: n)
    }

    /// Myers' "advance block" on one full word: the horizontal delta enters from the word above as
    /// two carry bits (+1, −1) and leaves from its row 63.
    @inline(__always)
    private static func step(_ eq: UInt64, _ vp: inout UInt64, _ vn: inout UInt64, _ hpCarry: inout UInt64, _ hnCarry: inout UInt64) {
        let pv = vp, mv = vn
        let x = eq | hnCarry
        let d0 = (((x & pv) &+ pv) ^ pv) | x | mv
        let hp = mv | ~(d0 | pv)
        let hn = d0 & pv
        let shiftedP = (hp << 1) | hpCarry, shiftedN = (hn << 1) | hnCarry
        hpCarry = hp >> 63
        hnCarry = hn >> 63
        vp = shiftedN | ~(d0 | shiftedP)
        vn = shiftedP & d0
    }
}
