/// Unrestricted Damerau–Levenshtein distance: the fewest insertions, deletions, substitutions and
/// transpositions of adjacent scalars, where a transposed pair may still be edited around (the
/// true edit metric with transpositions; the triangle inequality holds).
///
/// Computed by the Lowrance–Wagner dynamic program: a full (m+2)×(n+2) table and, per scalar,
/// the last row it was seen in, so a transposition can jump back over the scalars between —
/// O(m·n) time and memory, on Unicode scalars (``ScalarText``). See ``OptimalStringAlignment``
/// for the restricted variant ("CA" → "ABC" is 2 here, 3 there).
///
/// Reference: R. Lowrance and R. A. Wagner, "An extension of the string-to-string correction
/// problem", J. ACM 22(2), 1975; F. J. Damerau, Comm. ACM 7(3), 1964.
public enum DamerauLevenshtein {
    /// The unrestricted edit distance between `a` and `b`.
    public static func distance(_ a: some StringProtocol, _ b: some StringProtocol) -> Int {
        distance(ScalarText.scalars(a), ScalarText.scalars(b))
    }

    /// The unrestricted edit distance between two scalar sequences.
    public static func distance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let (m, n) = (a.count, b.count)
        if m == 0 { return n }
        if n == 0 { return m }
        let infinity = m + n
        let width = n + 2
        // d[(i + 1) * width + (j + 1)] is the distance between a[..<i] and b[..<j]; row and column 0 hold `infinity`.
        var d = [Int](repeating: 0, count: (m + 2) * width)
        d[0] = infinity
        for i in 0...m {
            d[(i + 1) * width] = infinity
            d[(i + 1) * width + 1] = i
        }
        for j in 0...n {
            d[j + 1] = infinity
            d[width + j + 1] = j
        }
        var lastRow: [UInt32: Int] = [:]
        for i in 1...m {
            var lastColumn = 0
            let ai = a[i - 1]
            for j in 1...n {
                let bj = b[j - 1]
                let k = lastRow[bj] ?? 0
                let l = lastColumn
                let cost: Int
                if ai == bj {
                    cost = 0
                    lastColumn = j
                } else {
                    cost = 1
                }
                d[(i + 1) * width + j + 1] = min(
                    d[i * width + j] + cost,
                    d[(i + 1) * width + j] + 1,
                    d[i * width + j + 1] + 1,
                    d[k * width + l] + (i - k - 1) + 1 + (j - l - 1))
            }
            lastRow[ai] = i
        }
        return d[(m + 1) * width + n + 1]
    }
}
