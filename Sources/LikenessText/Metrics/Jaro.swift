/// Jaro similarity, in [0, 1]: with m scalars matching within a window and t half the number of
/// matched scalars that are out of order, (m/|a| + m/|b| + (m − t)/m) / 3, and 0 when m = 0.
///
/// A scalar of `a` matches an equal, not yet matched scalar of `b` at most
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
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var matchedA = [Bool](repeating: false, count: a.count)
        var matchedB = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in a.indices {
            let low = max(0, i - window), high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            let scalar = a[i]
            for j in low...high where !matchedB[j] && b[j] == scalar {
                matchedA[i] = true
                matchedB[j] = true
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var outOfOrder = 0
        var j = 0
        for i in a.indices where matchedA[i] {
            while !matchedB[j] { j += 1 }
            if a[i] != b[j] { outOfOrder += 1 }
            j += 1
        }
        let m = Double(matches)
        let t = Double(outOfOrder / 2)
        return (m / Double(a.count) + m / Double(b.count) + (m - t) / m) / 3
    }
}
