import LikenessText

/// What `text cluster` found: clusters largest first, each in file order, and the noise.
public struct TextClusterResult: Codable, Sendable, Equatable {
    public var file: String
    public var format: String
    public var metric: TextMetric
    public var algorithm: TextClusterAlgorithm
    public var eps: Double
    public var minSamples: Int
    public var shingle: Int
    public var bands: Int
    public var rows: Int
    public var strings: Int
    public var skipped: [TextLineFailure]
    /// Distinct candidate pairs MinHash LSH proposed (among distinct strings).
    public var candidates: Int
    /// Candidate pairs within `eps`: the edges DBSCAN saw (exact copies included).
    public var neighbourPairs: Int
    public var clusters: [[TextRecord]]
    public var noise: [TextRecord]
}
