/// Levenshtein distance: the fewest single-scalar insertions, deletions and substitutions that
/// turn one string into the other.
///
/// Computed with the bit-parallel algorithm of Myers, in the formulation of Hyyrö: one column of
/// the dynamic-programming matrix is held as vertical +1/−1 delta bit vectors over the longer
/// string (the pattern), so each scalar of the other costs a handful of word operations per 64
/// pattern scalars. A common prefix and suffix are stripped first. Patterns of up to 64 scalars
/// take a single-word path. Longer ones are scanned in Ukkonen's band (``LevenshteinBand``): only
/// the words that can hold a cell of an alignment within a bound k are advanced (about k/64 + 2
/// per text scalar, fewer as cells prove too costly, instead of ⌈m/64⌉). The bound starts small
/// (``BoundGuess``) and is raised after a failed scan; the last bound, the pattern's length, cannot
/// fail. Strings are Unicode scalars (``ScalarText``).
///
/// References: G. Myers, "A fast bit-vector algorithm for approximate string matching based on
/// dynamic programming", J. ACM 46(3), 1999; H. Hyyrö, "A bit-vector algorithm for computing
/// Levenshtein and Damerau edit distances", Nordic J. Computing 10, 2003; E. Ukkonen, "Algorithms
/// for approximate string matching", Information and Control 64, 1985;
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
        // The longer string is the pattern: the band's cost is (its height in words) × (text
        // length), and the band is never taller than the bound, so the shorter text means fewer columns.
        if pattern.count < text.count { swap(&pattern, &text) }
        if text.isEmpty { return pattern.count }
        return PatternBits.with(pattern) { bits in
            pattern.count <= 64 ? singleWord(bits, length: pattern.count, text) : banded(bits, length: pattern.count, text)
        }
    }

    /// Guesses a bound, scans the band, and raises the bound until the scan succeeds; the last
    /// guess is the pattern's length, which no distance exceeds (the text is not longer).
    private static func banded(_ bits: PatternBits, length: Int, _ text: UnsafeBufferPointer<UInt32>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * bits.words) { state in
            let floor = length - text.count
            var bound = min(length, floor + BoundGuess.first)
            while true {
                switch LevenshteinBand.scan(bits, length: length, text, bound: bound, state: state.baseAddress!) {
                case .distance(let distance):
                    return distance
                case .exceeded(let column):
                    bound = BoundGuess.next(after: bound, floor: floor, gaveUpAt: column, columns: text.count, ceiling: length)
                }
            }
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
}
