/// Levenshtein distance: the fewest single-scalar insertions, deletions and substitutions that
/// turn one string into the other.
///
/// Computed with the bit-parallel algorithm of Myers, in the formulation of Hyyrö: one column of
/// the dynamic-programming matrix is held as vertical +1/−1 delta bit vectors over the shorter
/// string, so each scalar of the longer string costs a handful of word operations per 64 scalars
/// of the shorter one — O(⌈m/64⌉·n) instead of O(m·n). Shorter strings than 65 scalars take a
/// single-word path; longer ones the block version (Myers' "advance block" with horizontal carries
/// between words). A common prefix and suffix are stripped first. Strings are Unicode scalars
/// (``ScalarText``).
///
/// References: G. Myers, "A fast bit-vector algorithm for approximate string matching based on
/// dynamic programming", J. ACM 46(3), 1999; H. Hyyrö, "A bit-vector algorithm for computing
/// Levenshtein and Damerau edit distances", Nordic J. Computing 10, 2003;
/// V. I. Levenshtein, "Binary codes capable of correcting deletions, insertions and reversals", 1966.
public enum Levenshtein {
    /// The edit distance between `a` and `b`.
    public static func distance(_ a: some StringProtocol, _ b: some StringProtocol) -> Int {
        distance(ScalarText.scalars(a), ScalarText.scalars(b))
    }

    /// The edit distance between two scalar sequences.
    public static func distance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in distance(pa, pb) } }
    }

    /// The edit distance between two scalar buffers.
    public static func distance(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Int {
        let (start, endA, endB) = EditTrim.bounds(a, b)
        var pattern = UnsafeBufferPointer(rebasing: a[start..<endA])
        var text = UnsafeBufferPointer(rebasing: b[start..<endB])
        if pattern.count > text.count { swap(&pattern, &text) }
        if pattern.isEmpty { return text.count }
        return PatternBits.with(pattern) { bits in
            pattern.count <= 64 ? singleWord(bits, length: pattern.count, text) : blocks(bits, length: pattern.count, text)
        }
    }

    /// Myers' column step for a pattern of at most 64 scalars.
    @inline(__always)
    private static func singleWord(_ bits: PatternBits, length: Int, _ text: UnsafeBufferPointer<UInt32>) -> Int {
        var vp: UInt64 = ~0, vn: UInt64 = 0
        var score = length
        let last: UInt64 = 1 << UInt64(length - 1)
        for scalar in text {
            let eq = bits.row(scalar)[0]
            let xv = eq | vn
            let xh = (((eq & vp) &+ vp) ^ vp) | eq
            var ph = vn | ~(xh | vp)
            var mh = vp & xh
            if ph & last != 0 { score += 1 } else if mh & last != 0 { score -= 1 }
            ph = (ph << 1) | 1
            mh <<= 1
            vp = mh | ~(xv | ph)
            vn = ph & xv
        }
        return score
    }

    /// The block version: the column is ⌈m/64⌉ words, each advanced with the horizontal delta
    /// carried out of the word above as two bits (+1, −1; row 0's delta is +1 since D[0][j] = j),
    /// without branches; the last word reads its delta at the pattern's last row.
    private static func blocks(_ bits: PatternBits, length: Int, _ text: UnsafeBufferPointer<UInt32>) -> Int {
        let words = bits.words
        let lastWord = words - 1
        var score = length
        let lastShift = UInt64((length - 1) & 63)
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * words) { state in
            let vp = state.baseAddress!, vn = vp + words
            vp.initialize(repeating: ~0, count: words)
            vn.initialize(repeating: 0, count: words)
            for scalar in text {
                let row = bits.row(scalar)
                var hpCarry: UInt64 = 1, hnCarry: UInt64 = 0
                for k in 0..<lastWord {
                    let pv = vp[k], mv = vn[k]
                    let x = row[k] | hnCarry
                    let d0 = (((x & pv) &+ pv) ^ pv) | x | mv
                    let hp = mv | ~(d0 | pv)
                    let hn = d0 & pv
                    let shiftedP = (hp << 1) | hpCarry, shiftedN = (hn << 1) | hnCarry
                    hpCarry = hp >> 63
                    hnCarry = hn >> 63
                    vp[k] = shiftedN | ~(d0 | shiftedP)
                    vn[k] = shiftedP & d0
                }
                let pv = vp[lastWord], mv = vn[lastWord]
                let x = row[lastWord] | hnCarry
                let d0 = (((x & pv) &+ pv) ^ pv) | x | mv
                let hp = mv | ~(d0 | pv)
                let hn = d0 & pv
                score += Int((hp >> lastShift) & 1) - Int((hn >> lastShift) & 1)
                let shiftedP = (hp << 1) | hpCarry, shiftedN = (hn << 1) | hnCarry
                vp[lastWord] = shiftedN | ~(d0 | shiftedP)
                vn[lastWord] = shiftedP & d0
            }
            return score
        }
    }
}
