import LikenessCore

/// `dupes --exact`: groups of byte-identical files.
public struct ExactDupesResult: Codable, Sendable {
    public struct Group: Codable, Sendable {
        public var sha256: String
        public var size: Int64?
        public var paths: [String]
    }
    public var groups: [Group]
    /// Catalogued files left out because they changed or vanished since the last scan.
    public var stale: [ScannedFailure]?

    init(groups: [ExactDuplicateGroup], stale: [ScannedFailure]) {
        self.stale = stale.isEmpty ? nil : stale
        self.groups = groups.map { Group(sha256: $0.contentHash.hex, size: $0.members.first?.fingerprint?.size, paths: $0.members.map(\.path)) }
    }
}

/// `dupes --method`: groups by one perceptual hash.
public struct HashDupesResult: Codable, Sendable {
    public var method: PerceptualMethod
    public var threshold: Double
    public var groups: [HashDuplicateGroup]
    /// The scan that came first, when folders were given.
    public var scan: ScanCount?
    /// Images that could not be hashed now, with why.
    public var skipped: [ScannedFailure]?
    /// Catalogued files left out because they changed or vanished since the last scan.
    public var stale: [ScannedFailure]?
    /// What the user should know before acting on these groups (a small-sample calibration).
    public var warnings: [String]?
    /// The approximate index that found the pairs (FAISS binary HNSW or IVF, with its settings);
    /// nil for the exhaustive Hamming scan.
    public var index: String?
}

/// The default `dupes`: near-duplicate groups with the copy to keep.
public struct EmbeddingDupesResult: Codable, Sendable {
    public var model: String
    public var configuration: DuplicateConfiguration
    public var groups: [DuplicateGroup]
    /// Images compared.
    public var images: Int?
    public var scan: ScanCount?
    public var skipped: [ScannedFailure]?
    /// Catalogued files left out because they changed or vanished since the last scan.
    public var stale: [ScannedFailure]?
    /// The `--move-to` run: the journal, what moved and what stayed, and why.
    public var moved: DuplicateMover.Run?
    /// Images that belong to a group, keepers included.
    public var covered: Int?
    /// Groups of other shots of one scene left out (listed with `includeSameScene`).
    public var sameSceneLeftOut: Int?
    /// What the user should know before acting on these groups: a small-sample calibration, groups
    /// that call more than ``DupesJob/largestCopyShare`` of the images copies.
    public var warnings: [String]?
    /// The index that proposed the candidate pairs: `exact` or an approximate kind's settings.
    public var index: String?
    /// For an approximate index: whether it was read from the copy saved next to the catalog.
    public var indexOrigin: IndexOrigin?

    /// Copies that could go: every member but the keeper, in groups of copies (not of other shots).
    public var redundant: Int { groups.filter { $0.tier != .sameScene }.reduce(0) { $0 + $1.members.count - 1 } }
}
