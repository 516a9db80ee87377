import LikenessCore

/// How central each copy of a group is, from the cosine similarities of its embedding to those of
/// the other copies.
///
/// In a group of copies made from one original, the original is in the middle: each copy is one
/// edit away from it and two edits away from any other copy (the root of an image phylogeny).
public enum GroupCentrality {
    /// What "central" means.
    public enum Measure: String, Sendable, Codable, CaseIterable {
        /// The mean cosine to the other copies.
        case mean
        /// The median cosine to the other copies.
        case median
        /// The lowest cosine to any other copy (the copy whose farthest copy is nearest).
        case least
        /// The share of the other copies whose most similar copy this is.
        case votes
    }

    /// Centralities of `vectors` where copies with the same `content` (byte-identical files) count
    /// once, so two copies of one edit do not outvote the original; all nil below three contents.
    public static func of<Key: Hashable>(_ vectors: [[Float]], content: [Key], measure: Measure = .mean) -> [Double?] {
        var first: [Key: Int] = [:]
        for (position, key) in content.enumerated() where first[key] == nil { first[key] = position }
        let distinct = first.values.sorted()
        guard distinct.count > 2 else { return vectors.map { _ in nil } }
        let values = of(distinct.map { vectors[$0] }, measure: measure)
        let byContent = Dictionary(uniqueKeysWithValues: zip(distinct.map { content[$0] }, values))
        return content.map { byContent[$0]! }
    }

    /// Centralities of `vectors` (one per copy, any length but all alike); all nil below two copies.
    public static func of(_ vectors: [[Float]], measure: Measure = .mean) -> [Double?] {
        let n = vectors.count
        guard n >= 2 else { return vectors.map { _ in nil } }
        let units = vectors.map { vector -> [Float] in
            let norm = vector.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            return vector.map { norm > 0 ? Float(Double($0) / norm) : 0 }
        }
        switch measure {
        case .mean:
            // (xᵢ · Σx − xᵢ · xᵢ) / (n − 1): n dot products, not n², for a group of any size.
            var sum = [Float](repeating: 0, count: units[0].count)
            for unit in units { for k in sum.indices { sum[k] += unit[k] } }
            return units.map { unit in (Double(dot(unit, sum)) - Double(dot(unit, unit))) / Double(n - 1) }
        case .median:
            return others(units).map { row in
                let sorted = row.sorted(), m = sorted.count
                return m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2
            }
        case .least: return others(units).map { $0.min()! }
        case .votes:
            // Each copy votes for its most similar other copy (the first by position on a tie).
            var votes = [Double](repeating: 0, count: n)
            for (i, row) in others(units).enumerated() {
                let nearest = row.indices.max { (row[$0], -$0) < (row[$1], -$1) }!
                votes[nearest < i ? nearest : nearest + 1] += 1
            }
            return votes.map { $0 / Double(n - 1) }
        }
    }

    /// Each copy's cosines to every copy, its own left out (entry `j` of row `i` is copy `j`, or
    /// copy `j + 1` from `i` on).
    private static func others(_ units: [[Float]]) -> [[Double]] {
        units.indices.map { i in units.indices.filter { $0 != i }.map { Double(dot(units[i], units[$0])) } }
    }

    private static func dot(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in SIMDDot.dot(a.baseAddress!, b.baseAddress!, a.count) } }
    }
}
