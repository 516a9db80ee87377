import Foundation
import LikenessAnalysis
import LikenessCore

/// A calibration as an offline HTML page: the two score histograms with every rule's threshold
/// marked, the ROC and PR curves, and the table of thresholds with their bootstrap intervals.
public struct CalibrationReport: Sendable {
    /// One rule's threshold, as the table and the markers show it.
    public struct Row: Sendable {
        public var rule: String
        /// The threshold in the method's units, with its precision, recall and F1.
        public var point: OperatingPoint
        public var interval: ScoreCalibration.Interval?
        /// Whether this is the threshold that is saved.
        public var chosen: Bool

        public init(rule: String, point: OperatingPoint, interval: ScoreCalibration.Interval?, chosen: Bool) {
            self.rule = rule
            self.point = point
            self.interval = interval
            self.chosen = chosen
        }
    }

    public var method: String
    /// "cosine" or "distance": how the scores read.
    public var scaleName: String
    public var positiveScores: [Double]
    public var negativeScores: [Double]
    public var calibration: ScoreCalibration
    public var rows: [Row]
    public var rocAUCInterval: ScoreCalibration.Interval?
    public var notes: [String]
    /// Why the saved threshold may not hold (too few pairs, an unstable interval…), shown first.
    public var warnings: [String]

    public init(method: String, scaleName: String, positiveScores: [Double], negativeScores: [Double], calibration: ScoreCalibration,
                rows: [Row], rocAUCInterval: ScoreCalibration.Interval?, notes: [String] = [], warnings: [String] = []) {
        self.method = method
        self.scaleName = scaleName
        self.positiveScores = positiveScores
        self.negativeScores = negativeScores
        self.calibration = calibration
        self.rows = rows
        self.rocAUCInterval = rocAUCInterval
        self.notes = notes
        self.warnings = warnings
    }

    public func html() -> String {
        let c = calibration
        let auc = String(format: "%.4f", c.rocAUC) + (rocAUCInterval.map { String(format: " (95 %% interval %.4f–%.4f)", $0.low, $0.high) } ?? "")
        var body = """
            <p class="lead">\(c.positives) same and \(c.negatives) different pairs scored by \(HTML.escape(method)) (\(HTML.escape(scaleName))).
            ROC AUC \(auc) · average precision \(String(format: "%.4f", c.averagePrecision)) · equal error rate \(String(format: "%.4f", c.equalErrorRate)).</p>

            """
        for warning in warnings {
            body += "<p class=\"warning\" style=\"border-left:4px solid #d03030;padding:6px 10px;background:#fff3f0\"><b>Warning:</b> \(HTML.escape(warning))</p>\n"
        }
        for note in notes { body += "<p>\(HTML.escape(note))</p>\n" }
        body += "<h2>Thresholds</h2>\n<table><tr><th class=\"name\">rule</th><th>threshold</th><th>95 % interval</th><th>precision</th><th>recall</th><th>F1</th></tr>\n"
        for row in rows {
            let name = HTML.escape(row.rule) + (row.chosen ? " <b>(saved)</b>" : "")
            let interval = row.interval.map { String(format: "%.4g – %.4g", $0.low, $0.high) } ?? "–"
            body += "<tr><td class=\"name\">\(name)</td><td>\(String(format: "%.4g", row.point.threshold))</td><td>\(interval)</td>"
                + String(format: "<td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>\n", row.point.precision, row.point.recall, row.point.f1)
        }
        body += "</table>\n" + charts()
        return HTML.page(title: "Likeness calibration", body: body)
    }

    /// The score histograms of same and different pairs with every rule's threshold, and the ROC
    /// and precision–recall curves with the saved point: inline SVG, shared by this report and the
    /// server's calibration page.
    public func charts() -> String {
        let c = calibration
        var body = "<h2>Scores of same and different pairs</h2>\n"
        body += "<p>Each histogram is scaled to its own total, so the shapes compare even when one kind of pair is rarer. "
            + "A good threshold sits in the valley between them.</p>\n"
        let colours = ["#d03030", "#2e8b57", "#8a2be2", "#e08a00", "#555555"]
        body += SVGPlot.histogram([.init(name: "same", values: positiveScores, colour: "#2e8b57"),
                                   .init(name: "different", values: negativeScores, colour: "#d05a30")],
                                  markers: rows.enumerated().map { .init(name: $1.rule, value: $1.point.threshold, colour: colours[$0 % colours.count]) })
        let curve = c.thinnedCurve(limit: 400)
        let chosen = rows.first(where: \.chosen)
        let chosenPoint = chosen.flatMap { row in curve.min { abs($0.recall - row.point.recall) + abs($0.precision - row.point.precision) < abs($1.recall - row.point.recall) + abs($1.precision - row.point.precision) } }
        body += "<h2>ROC and precision–recall</h2>\n<div style=\"display:flex;gap:24px;flex-wrap:wrap\">"
        body += SVGPlot.curve([(0, 0)] + curve.map { ($0.falsePositiveRate ?? 0, $0.recall) }, xName: "false-positive rate", yName: "recall",
                              title: "ROC", highlight: chosenPoint.map { ($0.falsePositiveRate ?? 0, $0.recall) }, diagonal: true)
        body += SVGPlot.curve(curve.map { ($0.recall, $0.precision) }, xName: "recall", yName: "precision",
                              title: "precision–recall", highlight: chosenPoint.map { ($0.recall, $0.precision) })
        return body + "</div>\n"
    }
}
