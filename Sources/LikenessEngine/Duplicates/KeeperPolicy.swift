import Foundation
import LikenessAnalysis
import LikenessCore

/// How `dupes` picks the copy to keep: a chain of ``KeeperRule``s and a format preference.
///
/// The default, `padding,pixels,central,quality,oldest,size`, was chosen by `likeness bench dupes`
/// (keeper accuracy, docs/benchmarks.md): no filled border first (a rotation's black corners or a
/// letterbox's bars are an edit, even on a larger canvas), then the most pixels (a crop or a
/// downsized copy never wins), then
/// the copy most like the others of its group (an original sits between the copies made from it),
/// then the best quality score (an edited copy loses to the original it was made from), then the
/// oldest file (a copy is made after its original: a flip, a turn or a re-save at the same quality,
/// which quality cannot tell apart), then the largest.
public struct KeeperPolicy: Sendable, Codable, Hashable {
    public var rules: [KeeperRule]
    /// Formats in order of preference for the ``KeeperRule/format`` rule; empty: no preference.
    public var preferredFormats: [ImageFormat]

    /// Copies within this many quality points of the best are equally good (a re-save at the same
    /// JPEG quality, a flip, a lossless copy): the next rule decides.
    public static let qualityMargin = 0.25

    /// Copies whose ``KeeperCandidate/centrality`` is within this of the most central are equally
    /// central (a re-save, a lossless copy or a flip of the original sits as close to the others).
    public var centralMargin: Double
    /// What the ``KeeperRule/central`` rule measures.
    public var centralMeasure: GroupCentrality.Measure

    /// Copies whose ``QualityScores/borderFill`` is within this of the least filled are equally
    /// unpadded (a resize or a re-save of a rotated copy keeps its wedges in proportion).
    public static let paddingMargin = 0.02

    /// `padding,pixels,central,quality,oldest,size`.
    public static let standard = KeeperPolicy(rules: [.padding, .pixels, .central, .quality, .oldest, .size])

    /// The chain `dupes` used before quality scores: pixels, then clearly sharper, then size, then oldest.
    public static let legacy = KeeperPolicy(rules: [.pixels, .sharpness, .size, .oldest])

    public init(rules: [KeeperRule], preferredFormats: [ImageFormat] = [], centralMargin: Double = 0.005,
                centralMeasure: GroupCentrality.Measure = .mean) {
        self.rules = rules
        self.centralMeasure = centralMeasure
        self.preferredFormats = preferredFormats
        self.centralMargin = centralMargin
    }

    /// A policy from `--keep` and `--prefer` text. Preferred formats without a `format` rule in the
    /// chain put it right after `pixels` (first when the chain has no `pixels`).
    public init(keep: String?, prefer: String?) throws(KeeperPolicyError) {
        var rules = try keep.map { text throws(KeeperPolicyError) in try KeeperRule.chain(parsing: text) } ?? Self.standard.rules
        var formats: [ImageFormat] = []
        for name in (prefer ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            let alias = ["jpg": "jpeg", "heic": "heif", "tif": "tiff", "jp2": "jpeg2000"][name] ?? name
            guard let format = ImageFormat(rawValue: alias) else { throw .unknownFormat(name) }
            if !formats.contains(format) { formats.append(format) }
        }
        if !formats.isEmpty && !rules.contains(.format) {
            rules.insert(.format, at: rules.firstIndex(of: .pixels).map { $0 + 1 } ?? 0)
        }
        self.init(rules: rules, preferredFormats: formats)
    }

    /// Whether any rule reads quality scores.
    public var needsQuality: Bool { rules.contains { $0.readsQuality } }

    /// Whether a rule reads ``KeeperCandidate/border``.
    public var needsBorder: Bool { rules.contains { $0.readsBorder } }

    /// Whether a rule reads ``KeeperCandidate/centrality``.
    public var needsCentrality: Bool { rules.contains(.central) }

    /// The text form, as `--keep` takes it.
    public var chainText: String { rules.map(\.rawValue).joined(separator: ",") }

    /// The copies still in the running when the chain reaches its first quality-reading rule: those
    /// whose scores the choice will need (none when an earlier rule decides). The candidates'
    /// borders must be known first when the chain has a ``KeeperRule/padding`` rule before it.
    public func needingQuality(_ candidates: [KeeperCandidate]) -> [Int] {
        var pool = Array(candidates.indices)
        for rule in rules {
            if rule.readsQuality { return pool.count > 1 ? pool : [] }
            pool = narrowed(pool, by: rule, candidates).pool
            if pool.count <= 1 { return [] }
        }
        return []
    }

    /// Picks the copy to keep and says why.
    public func choose(_ candidates: [KeeperCandidate]) -> KeeperChoice {
        precondition(!candidates.isEmpty, "a group has at least one image")
        var pool = Array(candidates.indices)
        var passed: [String] = []
        for rule in rules {
            let step = narrowed(pool, by: rule, candidates)
            if step.pool.count == 1 { return KeeperChoice(index: step.pool[0], rule: rule, reason: step.reason) }
            if step.pool.count < pool.count || !step.reason.isEmpty { passed.append(rule.rawValue) }
            pool = step.pool
        }
        let first = pool.min { candidates[$0].path < candidates[$1].path }!
        let tied = passed.isEmpty ? "" : " (tied on \(passed.joined(separator: ", ")))"
        return KeeperChoice(index: first, rule: nil, reason: "no rule tells these copies apart\(tied); the first by path")
    }

    /// The copies of `pool` a rule keeps, and, when one is left, why it won.
    func narrowed(_ pool: [Int], by rule: KeeperRule, _ c: [KeeperCandidate]) -> (pool: [Int], reason: String) {
        switch rule {
        case .padding:
            let scored = pool.filter { c[$0].border != nil }
            guard !scored.isEmpty else { return (pool, "") }
            let least = scored.map { c[$0].border! }.min()!
            let kept = scored.filter { c[$0].border! <= least + Self.paddingMargin }
            guard kept.count < scored.count, let next = scored.filter({ !kept.contains($0) }).map({ c[$0].border! }).min() else {
                return (kept, "")
            }
            return (kept, String(format: "least filled border (%.1f %%; next %.1f %%, the flat corners of a rotation or the bars of padding)",
                                 100 * least, 100 * next))
        case .pixels:
            let best = pool.map { c[$0].pixels }.max()!
            let kept = pool.filter { c[$0].pixels == best }
            let other = pool.filter { c[$0].pixels != best }.max { c[$0].pixels < c[$1].pixels }
            return (kept, other.map { "largest pixel count (\(c[kept[0]].width)×\(c[kept[0]].height); next \(c[$0].width)×\(c[$0].height))" } ?? "")
        case .central:
            let scored = pool.filter { c[$0].centrality != nil }
            guard !scored.isEmpty else { return (pool, "") }
            let best = scored.map { c[$0].centrality! }.max()!
            let kept = scored.filter { c[$0].centrality! >= best - centralMargin }
            guard kept.count == 1, let next = scored.filter({ $0 != kept[0] }).map({ c[$0].centrality! }).max() else { return (kept, "") }
            return (kept, String(format: "most like the other copies, as an original is to its copies (mean cosine %.3f; next %.3f)", best, next))
        case .quality:
            let scored = pool.filter { c[$0].quality != nil }
            guard !scored.isEmpty else { return (pool, "") }
            let best = scored.map { c[$0].quality!.overall }.max()!
            let kept = scored.filter { c[$0].quality!.overall >= best - Self.qualityMargin }
            guard kept.count == 1, let runnerUp = scored.filter({ $0 != kept[0] }).max(by: { c[$0].quality!.overall < c[$1].quality!.overall }) else {
                return (kept, "")
            }
            return (kept, Self.qualityReason(winner: c[kept[0]].quality!, runnerUp: c[runnerUp].quality!))
        case .format:
            guard !preferredFormats.isEmpty else { return (pool, "") }
            let rank = { (i: Int) in c[i].format.flatMap { self.preferredFormats.firstIndex(of: $0) } ?? self.preferredFormats.count }
            let best = pool.map(rank).min()!
            let kept = pool.filter { rank($0) == best }
            return (kept, best < preferredFormats.count ? "preferred format (\(preferredFormats[best].rawValue); --prefer \(preferredFormats.map(\.rawValue).joined(separator: ",")))" : "")
        case .size:
            let best = pool.map { c[$0].fileSize }.max()!
            let kept = pool.filter { c[$0].fileSize == best }
            let next = pool.filter { c[$0].fileSize != best }.map { c[$0].fileSize }.max()
            return (kept, next.map { "largest file (\(Self.bytes(best)); next \(Self.bytes($0)))" } ?? "")
        case .oldest:
            let best = pool.map { c[$0].modified }.min()!
            return (pool.filter { c[$0].modified == best }, "oldest file of copies equal by the earlier rules")
        case .sharpness:
            let scored = pool.filter { c[$0].quality != nil }
            guard !scored.isEmpty else { return (pool, "") }
            let best = scored.map { c[$0].quality!.sharpness }.max()!
            let kept = scored.filter { c[$0].quality!.sharpness * 1.25 >= best }
            return (kept, "clearly sharpest (tiled Laplacian variance \(String(format: "%.0f", best)), over 1.25× the others)")
        }
    }

    /// "best quality score (a vs b): the next copy loses on clipping −2.1, tone gaps −0.8".
    static func qualityReason(winner: QualityScores, runnerUp: QualityScores) -> String {
        let losses = zip(winner.terms, runnerUp.terms).map { (name: $0.name, points: $1.points - $0.points) }
            .filter { $0.points <= -0.2 }.sorted { $0.points < $1.points }.prefix(3)
        let detail = losses.isEmpty ? "" : "; the next copy loses on " + losses.map { String(format: "%@ %.1f", $0.name, $0.points) }.joined(separator: ", ")
        let issues = runnerUp.issues.filter { !winner.issues.contains($0) }
        return String(format: "best quality score (%.1f; next %.1f%@)", winner.overall, runnerUp.overall, detail)
            + (issues.isEmpty ? "" : " [next: " + issues.map(\.rawValue).joined(separator: ", ") + "]")
    }

    static func bytes(_ count: Int64) -> String {
        count >= 1_000_000 ? String(format: "%.2f MB", Double(count) / 1_000_000) : String(format: "%.1f kB", Double(count) / 1000)
    }
}
