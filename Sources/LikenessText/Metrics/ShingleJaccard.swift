/// Jaccard similarity of the k-shingle sets of two strings, |A ∩ B| / |A ∪ B|, in [0, 1].
///
/// A string's k-shingles are its substrings of k consecutive Unicode scalars (``ScalarText``); a
/// non-empty string shorter than k has one shingle, itself; an empty string has none, and two
/// empty strings are identical (1). Sets are compared exactly (no hashing). 1 − Jaccard is a
/// metric. MinHash (``MinHasher``) estimates this similarity without building the sets.
///
/// Reference: P. Jaccard, "Étude comparative de la distribution florale dans une portion des Alpes
/// et du Jura", Bull. Société Vaudoise des Sciences Naturelles 37, 1901; shingling as in
/// A. Z. Broder, "On the resemblance and containment of documents", SEQUENCES 1997.
public struct ShingleJaccard: Sendable, Equatable {
    /// Scalars per shingle.
    public let k: Int

    /// Refuses `k` below 1.
    public init(k: Int) throws(TextMetricError) {
        guard k >= 1 else { throw .badParameter(name: "--shingle", value: "\(k)", reason: "must be at least 1") }
        self.k = k
    }

    /// The Jaccard similarity of the k-shingle sets of `a` and `b`.
    public func similarity(_ a: some StringProtocol, _ b: some StringProtocol) -> Double {
        similarity(ScalarText.scalars(a), ScalarText.scalars(b))
    }

    /// The Jaccard similarity of the k-shingle sets of two scalar sequences.
    public func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        let (setA, setB) = (shingles(a), shingles(b))
        if setA.isEmpty && setB.isEmpty { return 1 }
        let shared = setA.intersection(setB).count
        return Double(shared) / Double(setA.count + setB.count - shared)
    }

    /// The set of k-shingles of `text`.
    public func shingles(_ text: [UInt32]) -> Set<ArraySlice<UInt32>> {
        guard !text.isEmpty else { return [] }
        guard text.count > k else { return [text[...]] }
        var out = Set<ArraySlice<UInt32>>(minimumCapacity: text.count - k + 1)
        for start in 0...(text.count - k) { out.insert(text[start..<(start + k)]) }
        return out
    }
}
