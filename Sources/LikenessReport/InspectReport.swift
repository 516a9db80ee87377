import Foundation

/// Dataset health as an offline HTML page: a table of the issue types with their rules and
/// counts, then a gallery per issue type, worst first.
public struct InspectReport: Sendable {
    /// One issue type's gallery.
    public struct Section: Sendable {
        /// The issue's name, also the section's anchor.
        public var name: String
        /// The rule with its threshold, as stated.
        public var rule: String
        /// Why the rule found nothing by construction, if so.
        public var note: String?
        /// The flagged images, worst first: path and caption (plain text).
        public var images: [(path: String, caption: String)]

        public init(name: String, rule: String, note: String? = nil, images: [(path: String, caption: String)]) {
            self.name = name
            self.rule = rule
            self.note = note
            self.images = images
        }
    }

    public var title: String
    public var summary: String
    public var sections: [Section]
    /// Data URIs by path; an image without one shows its caption and path only.
    public var thumbnails: [String: String]
    /// Cards per section; the rest are listed by path under "more".
    public var shownPerSection: Int

    public init(title: String, summary: String, sections: [Section], thumbnails: [String: String], shownPerSection: Int = InspectReport.defaultShown) {
        self.title = title
        self.summary = summary
        self.sections = sections
        self.thumbnails = thumbnails
        self.shownPerSection = shownPerSection
    }

    /// Cards shown per issue type by default.
    public static let defaultShown = 48

    /// The paths a page shows as cards, for making only the thumbnails it needs.
    public var shownPaths: [String] {
        var seen = Set<String>()
        return sections.flatMap { $0.images.prefix(shownPerSection).map(\.path) }.filter { seen.insert($0).inserted }
    }

    public func html() -> String {
        var body = "<p class=\"lead\">\(HTML.escape(summary))</p>\n" + ImageCard.style + "<style>td.rule{white-space:normal;text-align:left}</style>\n"
        body += "<h2>Issues</h2><table><tr><th class=\"name\">issue</th><th>images</th><th class=\"name\">rule</th></tr>"
        for section in sections {
            let name = section.images.isEmpty ? HTML.escape(section.name) : "<a href=\"#\(section.name)\">\(HTML.escape(section.name))</a>"
            body += "<tr><td class=\"name\">\(name)</td><td>\(section.images.count)</td><td class=\"rule\">\(HTML.escape(section.rule))"
                + (section.note.map { " <i>(\(HTML.escape($0)))</i>" } ?? "") + "</td></tr>"
        }
        body += "</table>\n"
        for section in sections where !section.images.isEmpty {
            body += "<h2 id=\"\(HTML.escape(section.name))\">\(HTML.escape(section.name)) · \(section.images.count) image\(section.images.count == 1 ? "" : "s"), worst first</h2>"
                + "<p class=\"lead\">\(HTML.escape(section.rule))</p>"
            body += ImageCard.grid(section.images.prefix(shownPerSection).map {
                ImageCard(path: $0.path, thumbnail: thumbnails[$0.path], caption: "<span class=\"issue\">\(HTML.escape($0.caption))</span>")
            })
            let rest = section.images.dropFirst(shownPerSection)
            if !rest.isEmpty {
                body += "<details><summary>\(rest.count) more</summary>" + rest.map { HTML.escape($0.path + " · " + $0.caption) }.joined(separator: "<br>") + "</details>"
            }
            body += "\n"
        }
        if sections.allSatisfy(\.images.isEmpty) { body += "<p>No issues found.</p>" }
        return HTML.page(title: title, body: body)
    }
}
