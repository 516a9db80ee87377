import LikenessCore

/// One step of the keeper choice: which copies of a duplicate group stay in the running.
///
/// A ``KeeperPolicy`` applies its rules in order; each keeps the copies it cannot tell apart from
/// the best, and the first rule that leaves one copy decides (and gives the reason).
public enum KeeperRule: String, Sendable, Codable, CaseIterable {
    /// The least filled border (``KeeperCandidate/border``), within ``KeeperPolicy/paddingMargin``:
    /// a rotated copy carries flat corner wedges, a letterboxed or padded copy flat bars, and either
    /// may have more pixels than the original it was made from, so this comes before ``pixels``.
    case padding
    /// The largest pixel count.
    case pixels
    /// The copy most like all the others of its group (``KeeperCandidate/centrality``), within
    /// ``KeeperPolicy/centralMargin``: a copy made from the original is one edit away from it and
    /// two edits away from any other copy, so the original sits in the middle of its copies
    /// (the root of an image phylogeny). Two copies are always equally central: it needs three.
    case central
    /// The highest overall quality score (``QualityScores/overall``), within ``KeeperPolicy/qualityMargin``
    /// points: blur, heavier JPEG, clipped or re-exposed tones, contrast stretches, overlays and
    /// solid borders, palette reduction and lossless re-encodes of a JPEG all cost points.
    case quality
    /// The earliest format in ``KeeperPolicy/preferredFormats`` (`--prefer`); does nothing without one.
    case format
    /// The largest file.
    case size
    /// The oldest modification time.
    case oldest
    /// The old sharpness rule, kept for comparison: the tiled Laplacian variance within 25 % of the highest.
    case sharpness

    /// Whether the rule reads ``KeeperCandidate/quality`` (so the copies still in the running are measured first).
    public var readsQuality: Bool { self == .quality || self == .sharpness }

    /// Whether the rule reads ``KeeperCandidate/border`` (so every copy's border is measured first:
    /// a decode, but none of the other quality measures).
    public var readsBorder: Bool { self == .padding }

    /// Parses a comma-separated chain such as `pixels,quality,size,oldest`.
    /// - Throws: ``KeeperPolicyError`` naming an unknown or repeated rule, or an empty chain.
    public static func chain(parsing text: String) throws(KeeperPolicyError) -> [KeeperRule] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw .empty }
        var rules: [KeeperRule] = []
        for name in names {
            guard let rule = KeeperRule(rawValue: name) else { throw .unknownRule(name) }
            guard !rules.contains(rule) else { throw .repeated(name) }
            rules.append(rule)
        }
        return rules
    }
}

/// A keeper chain or format list that cannot be used.
public enum KeeperPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case unknownRule(String)
    case repeated(String)
    case unknownFormat(String)

    public var description: String {
        switch self {
        case .empty: "--keep needs at least one rule (\(KeeperRule.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownRule(let name): "unknown keeper rule '\(name)'; valid: \(KeeperRule.allCases.map(\.rawValue).joined(separator: ", "))"
        case .repeated(let name): "keeper rule '\(name)' is named twice"
        case .unknownFormat(let name): "unknown format '\(name)'; valid: \(ImageFormat.allCases.map(\.rawValue).joined(separator: ", ")) (jpg and heic are accepted too)"
        }
    }
}
