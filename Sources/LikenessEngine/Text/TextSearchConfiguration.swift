import LikenessText

/// How near pairs of strings are found: the metric that confirms them and the MinHash LSH that
/// proposes them (k-shingles of Unicode scalars, `bands` × `rows` signature entries).
///
/// A pair whose shingle sets have Jaccard similarity s is proposed with probability
/// 1 − (1 − sʳ)ᵇ; the defaults (k = 4, 32 bands of 2 rows, 64 hashes) propose 95% of pairs at
/// s = 0.3, which a 100-scalar string keeps after about 13 scattered edits (each edit changes up to k
/// shingles; Levenshtein similarity 0.87). Fewer rows or more bands
/// find less alike pairs at the cost of more candidates to confirm; a longer shingle makes
/// unrelated strings share fewer shingles (use 8–12 for DNA, whose alphabet is 4 letters).
public struct TextSearchConfiguration: Sendable, Codable, Equatable {
    /// The metric every candidate is confirmed with.
    public var metric: TextMetric
    /// Scalars per shingle for MinHash (and for the Jaccard metric).
    public var shingle: Int
    public var bands: Int
    public var rows: Int
    /// Seed of the MinHash functions: the same seed gives the same candidates.
    public var seed: UInt64

    public init(metric: TextMetric = .levenshtein, shingle: Int = 4, bands: Int = 32, rows: Int = 2, seed: UInt64 = 1) {
        self.metric = metric
        self.shingle = shingle
        self.bands = bands
        self.rows = rows
        self.seed = seed
    }
}
