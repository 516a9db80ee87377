import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LikenessAnalysis
import LikenessCore
import LikenessReport
import Testing

@Suite struct RobustnessReportTests {
    func report(editName: String = "jpeg q30") -> RobustnessReport {
        RobustnessReport(RobustnessResult(
            photos: 2, distractors: 0, images: 6, positivePairs: 6, negativePairs: 9, edits: ["flip", editName],
            methods: [.init(method: .bits(.pHash), bits: 64, best: .init(threshold: 12, precision: 0.8, recall: 0.5, f1: 0.615),
                            recallByEdit: [0.0, 1.0]),
                      .init(method: .features(.radialVariance), bits: nil, best: .init(threshold: 0.0125, precision: 0.7, recall: 0.6, f1: 0.646),
                            recallByEdit: [0.5, 1.0])],
            failures: []))
    }

    @Test("well-formed, self-contained, holds every edit and method")
    func content() throws {
        let html = report().html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<td class=\"name\">flip</td>"))
        #expect(html.contains("<td class=\"name\">jpeg q30</td>"))
        #expect(html.contains("12/64"))
        #expect(html.contains("<td>0.0125</td>"), "a continuous threshold prints as a number, not bits")
        #expect(html.contains("<svg"))
        #expect(!html.contains("src=\"http"))
        // Every opened table row is closed.
        #expect(html.components(separatedBy: "<tr>").count == html.components(separatedBy: "</tr>").count)
        // The XML parser accepts the SVG fragment.
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>"))
        let svg = String(html[start.lowerBound..<end.upperBound])
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "SVG is well-formed XML")
    }

    @Test("names are escaped")
    func escaping() {
        let html = report(editName: "<script>x</script>").html()
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
    }
}
