/// How alike two strings are by one metric, as a distance and as a similarity in [0, 1].
///
/// For edit distances `distance` is the count of operations and `similarity` is
/// 1 − distance / max(|a|, |b|) (1 − distance / length for Hamming; 1 for two empty strings), as
/// `rapidfuzz`'s `normalized_similarity`. For Jaro, Jaro–Winkler and Jaccard `similarity` is the
/// metric and `distance` is 1 − similarity.
public struct TextScore: Codable, Sendable, Equatable {
    public var distance: Double
    public var similarity: Double

    public init(distance: Double, similarity: Double) {
        self.distance = distance
        self.similarity = similarity
    }

    /// The score of an edit distance between strings of these lengths (in scalars).
    public static func edits(_ count: Int, lengths: (Int, Int)) -> TextScore {
        let longest = max(lengths.0, lengths.1)
        return TextScore(distance: Double(count), similarity: longest == 0 ? 1 : 1 - Double(count) / Double(longest))
    }

    /// The score of a similarity in [0, 1].
    public static func similarity(_ value: Double) -> TextScore {
        TextScore(distance: 1 - value, similarity: value)
    }
}
