import Foundation
import LikenessAnalysis
import LikenessCore

/// Turns what `inspect` measured into findings, by the rules of ``InspectOptions``. Pure: no
/// catalog, no files, so every rule can be tested on numbers alone.
struct InspectRules {
    /// One measured image: its path and its stored quality scores.
    typealias Scored = (path: String, scores: QualityScores)

    var options: InspectOptions

    /// Dark, bright, blurry and low-information: fixed thresholds on the quality scores.
    func fixed(_ scored: [Scored]) -> [InspectFinding] {
        [
            threshold(.dark, scored, rule: "mean luma < \(Self.number(options.darkBelow))", below: options.darkBelow) { $0.meanLuminance },
            threshold(.bright, scored, rule: "mean luma > \(Self.number(options.brightAbove))", above: options.brightAbove) { $0.meanLuminance },
            threshold(.blurry, scored, rule: "relative sharpness < \(Self.number(options.blurryBelow))", below: options.blurryBelow) { $0.relativeSharpness },
            threshold(.lowInformation, scored, rule: "luma entropy < \(Self.number(options.lowInformationBelow)) bits",
                      below: options.lowInformationBelow) { $0.entropy },
        ]
    }

    /// Grey images, flagged only when more than ``InspectOptions/colourShare`` of the set is in colour.
    func greyscale(_ scored: [Scored]) -> InspectFinding {
        let limit = options.greyscaleBelow
        let colour = scored.filter { $0.scores.colourfulness >= limit }.count
        let rule = "colourfulness < \(Self.number(limit)), in a set where more than \(Self.number(100 * options.colourShare)) % of the images are in colour"
        guard Double(colour) > options.colourShare * Double(scored.count) else {
            return InspectFinding(issue: .greyscale, rule: rule, below: limit, images: [],
                                  note: "the set is mostly grey (\(colour) of \(scored.count) images in colour), so grey is normal here")
        }
        return threshold(.greyscale, scored, rule: rule, below: limit) { $0.colourfulness }
    }

    /// Aspect ratios outside the set's robust range (``RobustRange`` of ln(width / height)).
    func oddAspectRatio(_ scored: [Scored]) -> InspectFinding {
        relative(.oddAspectRatio, scored, factor: options.aspectFactor, quantity: "ln(width / height)") {
            Double($0.width) / Double(max(1, $0.height))
        }
    }

    /// Pixel counts outside the set's robust range (``RobustRange`` of ln(width × height)).
    func oddSize(_ scored: [Scored]) -> InspectFinding {
        relative(.oddSize, scored, factor: options.sizeFactor, quantity: "ln(width × height)") { $0.megapixels }
    }

    /// Images whose k-th nearest neighbour is farther than the ``InspectOptions/outlierPercentile``
    /// of the set's k-th neighbour distances. `neighbours[i]` are image i's closest others,
    /// closest first, as the exact index gives them.
    func outliers(paths: [String], neighbours: [[Neighbor]]) -> InspectFinding {
        let k = min(options.k, max(1, paths.count - 1))
        let percentile = options.outlierPercentile
        var rule = "cosine distance to the \(Self.ordinal(k)) nearest neighbour above the \(Self.number(percentile))th percentile of the set's"
        if k < options.k { rule += " (k lowered from \(options.k): only \(paths.count) images)" }
        guard paths.count > 1 else {
            return InspectFinding(issue: .outlier, rule: rule, images: [], note: "fewer than 2 images embedded: no neighbours to compare")
        }
        let distances = neighbours.map { 1 - Double($0.last?.score ?? 0) }
        let cutoff = Quantile.of(distances, percentile / 100)!
        rule += ": above \(Self.number(cutoff)) here"
        let flags = paths.indices.filter { distances[$0] > cutoff }.map { i in
            InspectFlag(path: paths[i], value: distances[i], other: neighbours[i].first.map { paths[$0.id] })
        }
        return InspectFinding(issue: .outlier, rule: rule, above: cutoff, images: Self.worstFirst(flags) { $0.value })
    }

    /// Images with another image (not byte-identical) at least ``InspectOptions/nearDuplicateCosine``
    /// alike among their closest neighbours.
    func nearDuplicates(images: [CatalogImage], neighbours: [[Neighbor]]) -> InspectFinding {
        let cosine = Double(options.nearDuplicateCosine)
        let flags = images.indices.compactMap { i -> InspectFlag? in
            let twin = neighbours[i].first { Double($0.score) >= cosine && images[$0.id].contentHash != images[i].contentHash }
            return twin.map { InspectFlag(path: images[i].path, value: Double($0.score), other: images[$0.id].path) }
        }
        return InspectFinding(issue: .nearDuplicate, rule: "another image (not byte-identical) at cosine ≥ \(Self.number(cosine)); `likeness dupes` groups them and picks the copy to keep",
                              above: cosine, images: Self.worstFirst(flags) { $0.value })
    }

    /// Every member of a group of byte-identical files, largest groups first.
    func exactDuplicates(_ groups: [ExactDuplicateGroup]) -> InspectFinding {
        let flags = groups.flatMap { group in
            let paths = group.members.map(\.path).sorted()
            return paths.enumerated().map { n, path in
                InspectFlag(path: path, value: Double(paths.count), other: paths[n == 0 ? 1 : 0])
            }
        }
        return InspectFinding(issue: .exactDuplicate, rule: "the same SHA-256 as another file of the set", images: Self.worstFirst(flags) { $0.value })
    }

    // MARK: helpers

    private func threshold(_ issue: InspectIssue, _ scored: [Scored], rule: String, below: Double? = nil, above: Double? = nil,
                           value: (QualityScores) -> Double) -> InspectFinding {
        let flags = scored.compactMap { item -> InspectFlag? in
            let v = value(item.scores)
            let flagged = below.map { v < $0 } ?? false || above.map { v > $0 } ?? false
            return flagged ? InspectFlag(path: item.path, value: v) : nil
        }
        return InspectFinding(issue: issue, rule: rule, below: below, above: above,
                              images: Self.worstFirst(flags) { below != nil ? -$0.value : $0.value })
    }

    /// A two-sided rule on the logarithm of a positive measure, relative to the set.
    private func relative(_ issue: InspectIssue, _ scored: [Scored], factor: Double, quantity: String,
                          value: (QualityScores) -> Double) -> InspectFinding {
        let values = scored.map { max(value($0.scores), .leastNormalMagnitude) }
        guard let range = RobustRange(values.map(log), fence: options.fence, minimumHalfWidth: log(factor)) else {
            return InspectFinding(issue: issue, rule: "outside the set's range", images: [], note: "no images")
        }
        let (low, high) = (exp(range.lower), exp(range.upper))
        let rule = "\(issue.measure) outside [\(Self.number(low)), \(Self.number(high))]: Tukey's fences (\(Self.number(options.fence)) × IQR) "
            + "on \(quantity) over the set, widened to at least \(Self.number(factor))× either side of its median (\(Self.number(exp(range.median))))"
        let flags = scored.indices.filter { !range.contains(log(values[$0])) }.map { InspectFlag(path: scored[$0].path, value: values[$0]) }
        return InspectFinding(issue: issue, rule: rule, below: low, above: high,
                              images: Self.worstFirst(flags) { abs(log($0.value) - range.median) })
    }

    /// Flags sorted by `severity`, highest first, then by path.
    static func worstFirst(_ flags: [InspectFlag], severity: (InspectFlag) -> Double) -> [InspectFlag] {
        flags.map { ($0, severity($0)) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.path < $1.0.path }.map(\.0)
    }

    /// Three significant digits, as thresholds are stated.
    static func number(_ value: Double) -> String { String(format: "%.3g", value) }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }
}
