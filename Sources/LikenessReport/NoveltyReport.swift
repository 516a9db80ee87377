import Foundation

/// Novelty results as an offline HTML page: the similarity histogram with the threshold marked,
/// then every flagged query image beside its nearest reference.
public struct NoveltyReport: Sendable {
    public struct Row: Sendable {
        public var query: String
        public var nearest: String?
        public var similarity: Float
        public var novel: Bool
        public init(query: String, nearest: String?, similarity: Float, novel: Bool) {
            self.query = query; self.nearest = nearest; self.similarity = similarity; self.novel = novel
        }
    }

    public var rows: [Row]
    public var threshold: Float
    public var thumbnails: [String: String]

    public init(rows: [Row], threshold: Float, thumbnails: [String: String]) {
        self.rows = rows
        self.threshold = threshold
        self.thumbnails = thumbnails
    }

    public func html() -> String {
        let flagged = rows.filter(\.novel)
        var body = "<p class=\"lead\">\(rows.count) query images; \(flagged.count) flagged as novel "
            + "(nearest reference similarity below \(String(format: "%.2f", threshold))). Each flagged image is shown beside its nearest known match.</p>\n"
        body += "<h2>Similarity to the nearest reference</h2>\n" + histogram()
        body += "<style>.pair{display:flex;gap:14px;align-items:flex-start;border:1px solid #ddd;border-radius:6px;padding:8px;margin:10px 0}"
            + ".side{width:200px;font-size:12px;word-break:break-all}.side img{max-width:190px;max-height:190px;display:block;margin-bottom:4px}"
            + ".score{font-size:15px;font-weight:600;align-self:center;width:90px;text-align:center}</style>\n"
        body += "<h2>Flagged images</h2>\n"
        for row in flagged {
            body += "<div class=\"pair\">" + side(row.query, label: "query (novel)")
                + "<div class=\"score\">\(String(format: "%.3f", row.similarity))</div>"
                + (row.nearest.map { side($0, label: "nearest reference") } ?? "<div class=\"side\">no reference</div>") + "</div>\n"
        }
        if flagged.isEmpty { body += "<p>Nothing is novel at this threshold.</p>" }
        return HTML.page(title: "Likeness novelty", body: body)
    }

    private func side(_ path: String, label: String) -> String {
        let image = ImageCard.image(path, in: thumbnails)
        return "<div class=\"side\">\(image)<b>\(HTML.escape(label))</b><br>\(HTML.escape(path))</div>"
    }

    /// The similarities of every query to its nearest reference, with the threshold marked (inline
    /// SVG; the server's novelty page shows the same chart).
    public func histogram() -> String {
        SVGPlot.histogram([.init(name: "query images", values: rows.map { Double($0.similarity) }, colour: "#4a7bd0")],
                          markers: [.init(name: "threshold", value: Double(threshold), colour: "#d03030")], bins: 30)
    }
}
