/// Restricted Damerau–Levenshtein distance, also called the optimal string alignment (OSA)
/// distance: Levenshtein's insertions, deletions and substitutions plus transpositions of two
/// adjacent scalars, where no substring is edited more than once.
///
/// The restriction is what separates it from ``DamerauLevenshtein``: "CA" → "ABC" costs 3 here
/// (a transposed pair cannot then have a scalar inserted between its halves) but 2 unrestricted.
/// It is not a metric: the triangle inequality can fail. Computed by the dynamic program over
/// three rows, O(m·n) time and O(min(m, n)) memory, on Unicode scalars (``ScalarText``).
///
/// Reference: F. J. Damerau, "A technique for computer detection and correction of spelling
/// errors", Comm. ACM 7(3), 1964; the restricted recurrence as in G. Navarro, "A guided tour to
/// approximate string matching", ACM Computing Surveys 33(1), 2001.
public enum OptimalStringAlignment {
    /// The restricted edit distance between `a` and `b`.
    public static func distance(_ a: some StringProtocol, _ b: some StringProtocol) -> Int {
        distance(ScalarText.scalars(a), ScalarText.scalars(b))
    }

    /// The restricted edit distance between two scalar sequences.
    public static func distance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        // Rows run over the longer string's columns; `b` is the shorter one.
        let (a, b) = a.count >= b.count ? (a, b) : (b, a)
        let n = b.count
        if n == 0 { return a.count }
        var previous2 = [Int](repeating: 0, count: n + 1)
        var previous = Array(0...n)
        var current = [Int](repeating: 0, count: n + 1)
        for i in 1...a.count {
            current[0] = i
            let ai = a[i - 1]
            for j in 1...n {
                let cost = ai == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = min(best, previous2[j - 2] + 1)
                }
                current[j] = best
            }
            swap(&previous2, &previous)
            swap(&previous, &current)
        }
        return previous[n]
    }
}
