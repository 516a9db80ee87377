/// How central each copy of a group is: the mean cosine similarity of its embedding to those of
/// the other copies.
///
/// Computed in one pass as (xᵢ · Σx − xᵢ · xᵢ) / (n − 1) on unit-length vectors, so a group of n
/// copies costs n dot products, not n². In a group of copies made from one original, the original
/// is the most central: each copy is one edit away from it and two edits away from any other copy.
public enum GroupCentrality {
    /// Centralities of `vectors` where copies with the same `content` (byte-identical files) count
    /// once, so two copies of one edit do not outvote the original; all nil below three contents.
    public static func of<Key: Hashable>(_ vectors: [[Float]], content: [Key]) -> [Double?] {
        var first: [Key: Int] = [:]
        for (position, key) in content.enumerated() where first[key] == nil { first[key] = position }
        let distinct = first.values.sorted()
        guard distinct.count > 2 else { return vectors.map { _ in nil } }
        let values = of(distinct.map { vectors[$0] })
        let byContent = Dictionary(uniqueKeysWithValues: zip(distinct.map { content[$0] }, values))
        return content.map { byContent[$0]! }
    }

    /// Centralities of `vectors` (one per copy, any length but all alike); all nil below two copies.
    public static func of(_ vectors: [[Float]]) -> [Double?] {
        guard vectors.count >= 2, let dimension = vectors.first?.count else { return vectors.map { _ in nil } }
        let units = vectors.map { vector -> [Double] in
            let norm = vector.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            return vector.map { norm > 0 ? Double($0) / norm : 0 }
        }
        var sum = [Double](repeating: 0, count: dimension)
        for unit in units { for k in 0..<dimension { sum[k] += unit[k] } }
        let others = Double(vectors.count - 1)
        return units.map { unit in
            var dot = 0.0, own = 0.0
            for k in 0..<dimension { dot += unit[k] * sum[k]; own += unit[k] * unit[k] }
            return (dot - own) / others
        }
    }
}
