/// How central each copy of a group is: the mean cosine similarity of its embedding to those of
/// the other copies.
///
/// Computed in one pass as (xᵢ · Σx − xᵢ · xᵢ) / (n − 1) on unit-length vectors, so a group of n
/// copies costs n dot products, not n². In a group of copies made from one original, the original
/// is the most central: each copy is one edit away from it and two edits away from any other copy.
public enum GroupCentrality {
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
