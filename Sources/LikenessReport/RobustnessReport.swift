import Foundation
import LikenessAnalysis
import LikenessCore

/// The robustness benchmark as an offline HTML page: summary table, F1 bars (inline SVG) and a
/// heat map of recall per edit and method.
public struct RobustnessReport: Sendable {
    public let result: RobustnessResult

    public init(_ result: RobustnessResult) {
        self.result = result
    }

    public func html() -> String {
        let (photos, distractors, images) = (result.photos, result.distractors, result.images)
        let (positivePairs, negativePairs, edits, methods) = (result.positivePairs, result.negativePairs, result.edits, result.methods)
        var body = """
            <p class="lead">\(photos) photos × \(edits.count + 1) versions\(distractors > 0 ? " + \(distractors) unedited distractors" : "") = \(images) images.
            \(positivePairs) positive pairs (same source photo) and \(negativePairs) negative pairs.
            Each method's threshold is the one with the best F1 over all pairs; recall per edit is
            measured there.</p>
            <h2>Best F1 per method</h2>
            <table><tr><th class="name">method</th><th>threshold</th><th>precision</th><th>recall</th><th>F1</th></tr>
            """
        for m in methods {
            body += "<tr><td class=\"name\">\(HTML.escape(m.method.name))</td><td>\(m.thresholdText)</td>"
                + "<td>\(fixed(m.best.precision))</td><td>\(fixed(m.best.recall))</td><td>\(fixed(m.best.f1))</td></tr>\n"
        }
        body += "</table>\n" + f1Bars()
        body += "<h2>Recall per edit</h2>\n<div class=\"scroll\"><table><tr><th class=\"name\">edit</th>"
        body += methods.map { "<th>\(HTML.escape($0.method.name))</th>" }.joined() + "</tr>\n"
        for (e, edit) in edits.enumerated() {
            body += "<tr><td class=\"name\">\(HTML.escape(edit))</td>"
            for m in methods {
                let r = m.recallByEdit[e]
                body += "<td style=\"background:\(HTML.scoreColour(r))\">\(fixed(r, digits: 2))</td>"
            }
            body += "</tr>\n"
        }
        body += "</table></div>\n"
        return HTML.page(title: "Likeness robustness benchmark", body: body)
    }

    /// Horizontal bars of F1, one per method, as inline SVG.
    func f1Bars() -> String {
        let (labelWidth, barWidth, rowHeight) = (150.0, 420.0, 22.0)
        let methods = result.methods
        let height = Double(methods.count) * rowHeight + 24
        var svg = "<svg width=\"\(Int(labelWidth + barWidth + 60))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"F1 per method\">\n"
        for (i, m) in methods.enumerated() {
            let y = Double(i) * rowHeight
            let w = barWidth * max(0, min(1, m.best.f1))
            svg += "<text x=\"0\" y=\"\(fixed(y + 15, digits: 1))\">\(HTML.escape(m.method.name))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(fixed(y + 3, digits: 1))\" width=\"\(fixed(w, digits: 1))\" height=\"16\" fill=\"#4a7bd0\"/>"
            svg += "<text x=\"\(fixed(labelWidth + w + 6, digits: 1))\" y=\"\(fixed(y + 15, digits: 1))\">\(fixed(m.best.f1))</text>\n"
        }
        let axisY = Double(methods.count) * rowHeight + 4
        svg += "<line x1=\"\(labelWidth)\" y1=\"\(axisY)\" x2=\"\(labelWidth + barWidth)\" y2=\"\(axisY)\" stroke=\"#999\"/>"
        svg += "<text x=\"\(labelWidth)\" y=\"\(axisY + 16)\">0</text><text x=\"\(labelWidth + barWidth - 8)\" y=\"\(axisY + 16)\">1</text>"
        return svg + "</svg>\n"
    }

    private func fixed(_ value: Double, digits: Int = 3) -> String {
        String(format: "%.\(digits)f", value)
    }
}

extension RobustnessResult.MethodResult {
    /// The F1-max threshold as people read it: "18/64" for a bit hash, "0.0123" otherwise.
    public var thresholdText: String {
        if let bits { return "\(Int(best.threshold))/\(bits)" }
        return String(format: "%.4g", best.threshold)
    }
}
