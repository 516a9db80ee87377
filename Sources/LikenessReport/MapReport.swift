/// A 2-D map of a collection as an offline HTML page.
public struct MapReport: Sendable {
    public var title: String
    public var summary: String
    public var map: ScatterMap

    public init(title: String, summary: String, map: ScatterMap) {
        self.title = title
        self.summary = summary
        self.map = map
    }

    public func html() -> String {
        HTML.page(title: title, body: "<p class=\"lead\">\(HTML.escape(summary))</p>\n" + map.html())
    }
}
