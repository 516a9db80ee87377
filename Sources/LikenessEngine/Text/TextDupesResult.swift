import LikenessText

/// What `text dupes` found.
public struct TextDupesResult: Codable, Sendable, Equatable {
    public var file: String
    public var format: String
    public var metric: TextMetric
    public var threshold: Double
    public var shingle: Int
    public var bands: Int
    public var rows: Int
    /// Strings read.
    public var strings: Int
    /// Lines not read, with why.
    public var skipped: [TextLineFailure]
    /// Distinct candidate pairs MinHash LSH proposed (among distinct strings).
    public var candidates: Int
    /// Pairs confirmed by the metric, exact copies included.
    public var confirmedPairs: Int
    /// Largest first; each with its centre first.
    public var groups: [TextGroup]
    /// Every confirmed pair, when asked for.
    public var pairs: [TextPair]?
}

/// Near-duplicate strings around a centre, the centre first.
public struct TextGroup: Codable, Sendable, Equatable {
    public var members: [TextGroupMember]
}

/// A string in a group, with its score against the group's centre (0 and 1 for the centre).
public struct TextGroupMember: Codable, Sendable, Equatable {
    public var record: TextRecord
    public var distance: Double
    public var similarity: Double
}

/// One confirmed near pair.
public struct TextPair: Codable, Sendable, Equatable {
    public var a: TextRecord
    public var b: TextRecord
    public var distance: Double
    public var similarity: Double
}
