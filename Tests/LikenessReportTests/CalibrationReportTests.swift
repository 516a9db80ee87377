import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LikenessAnalysis
import LikenessCore
import LikenessReport
import Testing

@Suite struct CalibrationAndNoveltyReportTests {
    /// Every inline SVG of a page parses as XML.
    func svgs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg").dropFirst().map { "<svg" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }

    @Test("calibration page: thresholds table, histogram with markers, ROC and PR, all well-formed and escaped")
    func calibration() {
        let scores = [0.1, 0.2, 0.35, 0.4, 0.7, 0.8, 0.85, 0.9]
        let labels = [false, false, false, true, false, true, true, true]
        let c = ScoreCalibration(scores: scores, labels: labels)
        let report = CalibrationReport(
            method: "model <x>", scaleName: "cosine", positiveScores: [0.4, 0.8, 0.85, 0.9], negativeScores: [0.1, 0.2, 0.35, 0.7],
            calibration: c,
            rows: [.init(rule: "best-f1", point: c.bestF1, interval: .init(low: 0.35, high: 0.8), chosen: true),
                   .init(rule: "valley", point: c.valley, interval: nil, chosen: false)],
            rocAUCInterval: .init(low: 0.7, high: 1))
        let html = report.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("model &lt;x&gt;") && !html.contains("model <x>"))
        #expect(html.contains("best-f1 <b>(saved)</b>") && html.contains("0.35 – 0.8"))
        let plots = svgs(html)
        #expect(plots.count == 3)
        for svg in plots { #expect(XMLParser(data: Data(svg.utf8)).parse(), "SVG is well-formed XML") }
        #expect(plots[0].contains("stroke-dasharray"), "thresholds are marked on the histogram")
        #expect(plots[1].contains("<polyline") && plots[2].contains("<polyline"))
        #expect(html.components(separatedBy: "<tr>").count == html.components(separatedBy: "</tr>").count)
    }

    @Test("novelty page: histogram with the threshold, every flagged query beside its nearest reference")
    func novelty() {
        let rows: [NoveltyReport.Row] = [
            .init(query: "/q/new.png", nearest: "/r/a.png", similarity: 0.2, novel: true),
            .init(query: "/q/old.png", nearest: "/r/b.png", similarity: 0.95, novel: false),
        ]
        let html = NoveltyReport(rows: rows, threshold: 0.5, thumbnails: [:]).html()
        #expect(html.contains("/q/new.png") && html.contains("/r/a.png"))
        #expect(!html.contains("/q/old.png"), "only flagged images are listed")
        let plots = svgs(html)
        #expect(plots.count == 1 && XMLParser(data: Data(plots[0].utf8)).parse())
        #expect(plots[0].contains("threshold 0.5"))
    }
}
