import LikenessAnalysis
import LikenessCore

/// One image's quality, as `quality` lists it.
public struct QualityEntry: Sendable, Codable, Hashable {
    public var path: String
    /// ``QualityScores/overall``, repeated here to sort and read without opening ``scores``.
    public var overall: Double
    /// The problems found (``QualityIssue``), by their stated thresholds.
    public var issues: [QualityIssue]
    public var scores: QualityScores

    public init(path: String, scores: QualityScores) {
        self.path = path
        self.scores = scores
        self.overall = scores.overall
        self.issues = scores.issues
    }
}

/// What `quality` found: every measured image, worst first, with counts per issue.
public struct QualityResult: Sendable, Codable {
    /// Measured images, lowest ``QualityEntry/overall`` first.
    public var images: [QualityEntry]
    /// How many images have each issue.
    public var issueCounts: [String: Int]
    /// How many scores were computed now, and how many were read back from the catalog.
    public var computed: Int
    public var reused: Int
    /// The scan that preceded the job, when folders were given.
    public var scan: ScanCount?
    /// Images that could not be measured, with why.
    public var skipped: [ScannedFailure]?
    /// Catalogued images that changed or vanished since their scan.
    public var stale: [ScannedFailure]?
    /// Why no image has a BRISQUE score (``QualityScores/brisque``): the model could not be loaded.
    public var naturalnessUnavailable: String?
}
