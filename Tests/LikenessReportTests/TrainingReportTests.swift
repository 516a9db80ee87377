import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LikenessReport
import Testing

@Suite struct TrainingReportTests {
    func report(name: String = "a.png") -> TrainingReport {
        TrainingReport(
            title: "Autoencoder t: training", summary: ["16×16 grey → 8-d code"],
            charts: [.init(title: "Reconstruction error", yName: "MSE", curves: [("training MSE", [0.09, 0.05, 0.04]), ("validation MSE", [nil, 0.06, 0.05])])],
            keptEpoch: 3, sampleNames: ["/x/\(name)", "/x/b.png"],
            imageRows: [.init(label: "input", images: ["data:image/png;base64,AAAA", nil]),
                        .init(label: "epoch 3 (kept)", images: ["data:image/png;base64,BBBB", "data:image/png;base64,CCCC"], highlighted: true)],
            tableHeader: ["epoch", "MSE"], tableRows: [["1", "0.09"], ["2", "0.05"], ["3", "0.04"]])
    }

    @Test("well-formed and self-contained: curves, the kept epoch, the image grid and the table")
    func content() throws {
        let html = report().html()
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("src=\"http"))
        #expect(html.contains("training MSE") && html.contains("validation MSE") && html.contains(">kept<"))
        // Two curves: the validation curve starts at epoch 2 (its missing first value is skipped).
        #expect(html.components(separatedBy: "<polyline").count == 3)
        #expect(html.components(separatedBy: "<img ").count == 4, "three images, one missing cell")
        #expect(html.contains("<tr class=\"kept\">") && html.contains(">a.png</th>"))
        #expect(html.components(separatedBy: "<tr").count == html.components(separatedBy: "</tr>").count)
        let start = try #require(html.range(of: "<svg")), end = try #require(html.range(of: "</svg>"))
        #expect(XMLParser(data: Data(String(html[start.lowerBound..<end.upperBound]).utf8)).parse(), "SVG is well-formed XML")
    }

    @Test("file names are escaped")
    func escaping() {
        let html = report(name: "<script>x</script>.png").html()
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
    }
}
