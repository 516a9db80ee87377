import Foundation
import LikenessAnalysis
import LikenessCore

/// Image quality as an offline HTML page: counts per issue, then every image worst first, as a card
/// with its thumbnail, overall score, issues and the main measures.
public struct QualityReport: Sendable {
    public struct Entry: Sendable {
        public var path: String
        public var scores: QualityScores
        public init(path: String, scores: QualityScores) { self.path = path; self.scores = scores }
    }

    public var title: String
    public var summary: String
    /// Worst first.
    public var entries: [Entry]
    /// Data URIs by path; an entry without one shows its name only.
    public var thumbnails: [String: String]

    public init(title: String, summary: String, entries: [Entry], thumbnails: [String: String]) {
        self.title = title
        self.summary = summary
        self.entries = entries
        self.thumbnails = thumbnails
    }

    public func html() -> String {
        var body = "<p class=\"lead\">\(HTML.escape(summary))</p>\n"
        body += ImageCard.style
        var counts: [QualityIssue: Int] = [:]
        for entry in entries { for issue in entry.scores.issues { counts[issue, default: 0] += 1 } }
        body += "<h2>Issues</h2><table><tr><th class=\"name\">issue</th><th>images</th></tr>"
        for issue in QualityIssue.allCases where counts[issue] != nil {
            body += "<tr><td class=\"name\">\(issue.rawValue)</td><td>\(counts[issue]!)</td></tr>"
        }
        body += "</table>\n<h2>Images, worst first</h2>"
        let overall = entries.map(\.scores.overall)
        let (low, high) = (overall.min() ?? 0, overall.max() ?? 1)
        body += ImageCard.grid(entries.map { entry in
            let s = entry.scores
            let colour = HTML.scoreColour(high > low ? (s.overall - low) / (high - low) : 1)
            let issues = s.issues.map(\.rawValue).joined(separator: ", ")
            let measures = String(format: "%d×%d · sharpness %.2f · noise %.1f · mean %.0f · contrast %.0f · clipped %.1f %%",
                                  s.width, s.height, s.relativeSharpness, s.noise, s.meanLuminance, s.contrast,
                                  100 * (s.shadowClipping + s.highlightClipping))
                + (s.effectiveJPEGQuality.map { " · JPEG q\($0)" } ?? "")
                + String(format: " · motion blur %.2f", s.motionBlur)
                + (s.brisque.map { String(format: " · BRISQUE %.1f (lower is better)", $0) } ?? "")
            let caption = "<span class=\"score\" style=\"background:\(colour)\">\(String(format: "%.1f", s.overall))</span> "
                + (issues.isEmpty ? "" : "<span class=\"issue\">\(HTML.escape(issues))</span>")
                + "<br><span class=\"measures\">\(HTML.escape(measures))</span>"
            return ImageCard(path: entry.path, thumbnail: thumbnails[entry.path], caption: caption)
        }) + "\n"
        if entries.isEmpty { body += "<p>No images measured.</p>" }
        return HTML.page(title: title, body: body)
    }
}
