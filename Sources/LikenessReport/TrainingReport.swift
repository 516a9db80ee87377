import Foundation

/// A training run as an offline HTML page: its summary, loss curves by epoch, a grid of images
/// (an autoencoder's fixed sample and its reconstructions after several epochs) and the table of
/// epochs. Images are data URIs, so the page needs nothing but itself.
public struct TrainingReport: Sendable {
    /// A chart of some curves that share a scale.
    public struct Chart: Sendable {
        public var title: String
        public var yName: String
        /// Name and value per epoch (nil: not measured that epoch).
        public var curves: [(name: String, values: [Double?])]

        public init(title: String, yName: String, curves: [(name: String, values: [Double?])]) {
            self.title = title
            self.yName = yName
            self.curves = curves
        }
    }

    /// A row of the image grid: a label (`input`, `epoch 3`) and one image per sample column.
    public struct ImageRow: Sendable {
        public var label: String
        public var images: [String?]
        /// Drawn highlighted (the kept epoch).
        public var highlighted: Bool

        public init(label: String, images: [String?], highlighted: Bool = false) {
            self.label = label
            self.images = images
            self.highlighted = highlighted
        }
    }

    public var title: String
    public var summary: [String]
    public var charts: [Chart]
    /// The kept epoch, marked on every chart.
    public var keptEpoch: Int?
    /// Column titles of the image grid (the sample's file names) and its rows; empty: no grid.
    public var sampleNames: [String]
    public var imageRows: [ImageRow]
    /// The epoch table.
    public var tableHeader: [String]
    public var tableRows: [[String]]

    public init(title: String, summary: [String], charts: [Chart], keptEpoch: Int?, sampleNames: [String] = [], imageRows: [ImageRow] = [],
                tableHeader: [String], tableRows: [[String]]) {
        self.title = title
        self.summary = summary
        self.charts = charts
        self.keptEpoch = keptEpoch
        self.sampleNames = sampleNames
        self.imageRows = imageRows
        self.tableHeader = tableHeader
        self.tableRows = tableRows
    }

    static let colours = ["#4a7bd0", "#d07a2a", "#3a9a5a", "#b04ab0", "#888888"]

    public func html() -> String {
        var body = summary.map { "<p class=\"lead\">\(HTML.escape($0))</p>\n" }.joined()
        for chart in charts {
            body += "<h2>\(HTML.escape(chart.title))</h2>\n"
            let lines = chart.curves.enumerated().map { i, curve in
                SVGPlot.Line(name: curve.name, values: curve.values, colour: Self.colours[i % Self.colours.count])
            }
            body += SVGPlot.lines(lines, xName: "epoch", yName: chart.yName, marker: keptEpoch.map { ($0, "kept") })
        }
        if !imageRows.isEmpty {
            body += "<h2>Reconstructions of a fixed sample</h2>\n<div class=\"scroll\"><table class=\"recon\"><tr><th class=\"name\"></th>"
            body += sampleNames.map { "<th title=\"\(HTML.escape($0))\">\(HTML.escape(($0 as NSString).lastPathComponent))</th>" }.joined() + "</tr>\n"
            for row in imageRows {
                body += "<tr\(row.highlighted ? " class=\"kept\"" : "")><th class=\"name\">\(HTML.escape(row.label))</th>"
                body += row.images.map { uri in
                    "<td>" + (uri.map { "<img src=\"\($0)\" alt=\"\(HTML.escape(row.label))\">" } ?? "–") + "</td>"
                }.joined() + "</tr>\n"
            }
            body += "</table></div>\n"
        }
        body += "<h2>Epochs</h2>\n<div class=\"scroll\"><table><tr>" + tableHeader.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>\n"
        for row in tableRows { body += "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n" }
        body += "</table></div>\n"
        let style = "<style>table.recon td{padding:2px}table.recon img{width:72px;height:72px;image-rendering:pixelated;display:block}"
            + "tr.kept th{background:#e4f2e4}</style>\n"
        return HTML.page(title: title, body: style + body)
    }
}
