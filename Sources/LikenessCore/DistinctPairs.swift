/// Pairs of images a person said are not duplicates of each other (or chose to keep all of).
///
/// Keyed by content (SHA-256), not by path: the verdict follows a file that is moved or renamed,
/// and outlives a file that is deleted, so it is never asked again. A pair of one content with
/// itself means "keep every byte-identical copy of this file".
public struct DistinctPairs: Sendable, Equatable {
    /// One unordered pair, the smaller hash first.
    public struct Pair: Hashable, Sendable, Codable {
        public let first: ContentHash
        public let second: ContentHash

        public init(_ a: ContentHash, _ b: ContentHash) {
            (first, second) = a.hex <= b.hex ? (a, b) : (b, a)
        }
    }

    public private(set) var pairs: Set<Pair>

    public init(_ pairs: some Sequence<Pair> = []) { self.pairs = Set(pairs) }

    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }

    /// Whether a person said these two are not duplicates; false when either content is unknown.
    public func contains(_ a: ContentHash?, _ b: ContentHash?) -> Bool {
        guard let a, let b, !pairs.isEmpty else { return false }
        return pairs.contains(Pair(a, b))
    }

    public mutating func insert(_ a: ContentHash, _ b: ContentHash) { pairs.insert(Pair(a, b)) }
}

/// One stored "not duplicates" decision, with the paths the two files had when it was made.
public struct PairDecision: Sendable, Codable, Equatable {
    public var pair: DistinctPairs.Pair
    public var firstPath: String
    public var secondPath: String
    /// Seconds since 1970.
    public var decidedAt: Double

    public init(pair: DistinctPairs.Pair, firstPath: String, secondPath: String, decidedAt: Double) {
        self.pair = pair
        self.firstPath = firstPath
        self.secondPath = secondPath
        self.decidedAt = decidedAt
    }
}
