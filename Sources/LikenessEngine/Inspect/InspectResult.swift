/// What `inspect` found: for every issue type its rule, its threshold and the images it flags,
/// worst first.
public struct InspectResult: Sendable, Codable {
    /// Images inspected (measured; the outlier and near-duplicate rules see those embedded).
    public var images: Int
    /// Distinct images with at least one issue.
    public var flagged: Int
    /// The model whose embeddings the outlier and near-duplicate rules use.
    public var model: String
    public var options: InspectOptions
    /// One finding per ``InspectIssue``, in its declaration order.
    public var findings: [InspectFinding]
    /// Quality scores measured now, and read back from the catalog.
    public var qualityComputed: Int
    public var qualityReused: Int
    /// The scan that preceded the job, when folders were given.
    public var scan: ScanCount?
    /// Files under the folders that are not usable images (corrupt, truncated, unsupported), with why.
    public var unreadable: [ScannedFailure]?
    /// Images that could not be measured or embedded, with why (the other rules still apply to them).
    public var skipped: [ScannedFailure]?
    /// Catalogued images that changed or vanished since their scan.
    public var stale: [ScannedFailure]?

    /// The finding for `issue`.
    public func finding(_ issue: InspectIssue) -> InspectFinding? { findings.first { $0.issue == issue } }
}

/// One issue type's rule and the images it flags.
public struct InspectFinding: Sendable, Codable {
    public var issue: InspectIssue
    /// The rule in words, with its numbers, e.g. "mean luma < 50".
    public var rule: String
    /// What each flag's ``InspectFlag/value`` is.
    public var measure: String
    /// Images are flagged when their value lies below this, or above ``above``; nil for no bound
    /// on that side. For the relative rules they come from the set.
    public var below: Double?
    public var above: Double?
    /// How many images are flagged.
    public var count: Int { images.count }
    /// The flagged images, worst first.
    public var images: [InspectFlag]
    /// Why the rule flagged nothing by construction (a set mostly grey, too few images), if so.
    public var note: String?

    public init(issue: InspectIssue, rule: String, below: Double? = nil, above: Double? = nil, images: [InspectFlag], note: String? = nil) {
        self.issue = issue
        self.rule = rule
        self.measure = issue.measure
        self.below = below
        self.above = above
        self.images = images
        self.note = note
    }

    private enum CodingKeys: String, CodingKey { case issue, rule, measure, below, above, count, images, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        issue = try c.decode(InspectIssue.self, forKey: .issue)
        rule = try c.decode(String.self, forKey: .rule)
        measure = try c.decode(String.self, forKey: .measure)
        below = try c.decodeIfPresent(Double.self, forKey: .below)
        above = try c.decodeIfPresent(Double.self, forKey: .above)
        images = try c.decode([InspectFlag].self, forKey: .images)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    /// Encodes the finding with ``count``, so a script need not count.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(issue, forKey: .issue)
        try c.encode(rule, forKey: .rule)
        try c.encode(measure, forKey: .measure)
        try c.encodeIfPresent(below, forKey: .below)
        try c.encodeIfPresent(above, forKey: .above)
        try c.encode(count, forKey: .count)
        try c.encode(images, forKey: .images)
        try c.encodeIfPresent(note, forKey: .note)
    }
}

/// One flagged image.
public struct InspectFlag: Sendable, Codable, Hashable {
    public var path: String
    /// The measure the rule tested (``InspectIssue/measure``).
    public var value: Double
    /// The image it was compared with: the nearest neighbour (outlier, near-duplicate) or the
    /// first copy by path (exact duplicate).
    public var other: String?

    public init(path: String, value: Double, other: String? = nil) {
        self.path = path
        self.value = value
        self.other = other
    }
}
