import Foundation
import LikenessEngine
import LikenessReport

/// How `inspect` shows its result: a summary, text per issue type, CSV and the HTML report.
enum InspectRendering {
    static func summary(_ result: InspectResult) -> String {
        "\(result.images) images inspected, \(result.flagged) flagged (quality scores: \(result.qualityComputed) measured now, "
            + "\(result.qualityReused) read back from the catalog; embeddings: \(result.model))"
            + (result.unreadable.map { "; \($0.count) files not readable as images" } ?? "")
            + (result.skipped.map { "; \($0.count) images skipped by a rule" } ?? "")
    }

    /// A flag's value and the image it was compared with, in words.
    static func caption(_ flag: InspectFlag, issue: InspectIssue) -> String {
        let value = flag.value.magnitude >= 100 || flag.value == flag.value.rounded() ? String(format: "%.0f", flag.value) : String(format: "%.3g", flag.value)
        let other = flag.other.map { " · " + (issue == .exactDuplicate ? "same bytes as " : "nearest: ") + ($0 as NSString).lastPathComponent } ?? ""
        return "\(issue.measure) \(value)" + other
    }

    static func text(_ result: InspectResult, limit: Int) {
        print(summary(result))
        print("issue".leftAligned(17) + " images  rule")
        for finding in result.findings {
            print(finding.issue.rawValue.leftAligned(17) + String(format: " %6d  ", finding.count)
                  + finding.rule + (finding.note.map { " (\($0))" } ?? ""))
        }
        for finding in result.findings where finding.count > 0 && limit > 0 {
            print("\n\(finding.issue.rawValue), worst first (\(finding.measure)):")
            for flag in finding.images.prefix(limit) {
                Output.line(String(format: "  %10.4g  ", flag.value) + flag.path
                            + (flag.other.map { "  (" + (finding.issue == .exactDuplicate ? "same bytes as " : "nearest ") + $0 + ")" } ?? ""))
            }
            if finding.count > limit { print("  … and \(finding.count - limit) more (see --json, --csv or --html)") }
        }
    }

    /// The CSV header and one line per flagged image and issue, worst first within each issue.
    static func csv(_ result: InspectResult) -> String {
        var text = CSV.line(["issue", "rank", "path", "value", "other", "measure", "rule"]) + "\n"
        for finding in result.findings {
            for (rank, flag) in finding.images.enumerated() {
                text += CSV.line([finding.issue.rawValue, String(rank + 1), flag.path, String(format: "%.6g", flag.value), flag.other ?? "",
                                  finding.measure, finding.rule]) + "\n"
            }
        }
        return text
    }

    /// The HTML page: the rules table and a gallery per issue type, with thumbnails of the images shown.
    static func report(_ result: InspectResult) throws -> String {
        let sections = result.findings.map { finding in
            InspectReport.Section(name: finding.issue.rawValue, rule: finding.rule, note: finding.note,
                                  images: finding.images.map { ($0.path, caption($0, issue: finding.issue)) })
        }
        var report = InspectReport(title: "Likeness dataset health", summary: summary(result), sections: sections, thumbnails: [:])
        report.thumbnails = try Thumbnails().dataURIs(report.shownPaths)
        return report.html()
    }
}
