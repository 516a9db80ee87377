extension BitHash {
    /// Jaccard similarity of the sets of set bits, `|A ∩ B| / |A ∪ B|`; 1 when neither hash has a
    /// set bit. Both hashes must have the same length.
    public func jaccardSimilarity(to other: BitHash) -> Double {
        precondition(count == other.count, "Jaccard similarity needs hashes of equal length (\(count) vs \(other.count))")
        var both = 0, either = 0
        for i in 0..<words.count {
            both &+= (words[i] & other.words[i]).nonzeroBitCount
            either &+= (words[i] | other.words[i]).nonzeroBitCount
        }
        return either > 0 ? Double(both) / Double(either) : 1
    }
}
