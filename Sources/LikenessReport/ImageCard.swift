import Foundation

/// A card for one image in a report: its thumbnail, a caption and its path. The one card the
/// quality, duplicate and inspect reports draw, laid out in a ``grid(_:)``.
public struct ImageCard: Sendable {
    public var path: String
    /// A data URI; nil shows the caption and path only.
    public var thumbnail: String?
    /// HTML shown under the thumbnail (already escaped).
    public var caption: String
    /// Extra classes on the card (``keeperClass`` outlines it in green).
    public var classes: [String]

    public init(path: String, thumbnail: String?, caption: String, classes: [String] = []) {
        self.path = path
        self.thumbnail = thumbnail
        self.caption = caption
        self.classes = classes
    }

    /// The class that outlines a card's image in green and colours its `.tag` (a keeper, a best shot).
    public static let keeperClass = "keep"

    /// The stylesheet for cards and grids; include it once per page.
    public static let style = "<style>.cards{display:flex;flex-wrap:wrap;gap:10px}"
        + ".card{width:196px;font-size:12px;word-break:break-all;border:1px solid #ddd;border-radius:6px;padding:6px}"
        + ".card img{max-width:184px;max-height:184px;display:block;margin-bottom:4px;border:3px solid transparent}"
        + ".card.keep img{border-color:#2e8b57}.card.keep .tag{color:#2e8b57;font-weight:600}"
        + ".score{font-weight:600;padding:1px 6px;border-radius:4px}.issue{color:#a33}.measures{color:#555}</style>\n"

    /// The `<img>` tag of `path`'s thumbnail in `thumbnails`, or an empty string when it has none.
    public static func image(_ path: String, in thumbnails: [String: String]) -> String {
        imageTag(path, uri: thumbnails[path])
    }

    private static func imageTag(_ path: String, uri: String?) -> String {
        uri.map { "<img src=\"\($0)\" alt=\"\(HTML.escape((path as NSString).lastPathComponent))\" loading=\"lazy\">" } ?? ""
    }

    /// The card's HTML.
    public var html: String {
        "<div class=\"\((["card"] + classes).joined(separator: " "))\">\(Self.imageTag(path, uri: thumbnail))\(caption)"
            + (caption.isEmpty ? "" : "<br>") + "<span title=\"\(HTML.escape(path))\">\(HTML.escape(path))</span></div>"
    }

    /// Cards side by side, wrapping.
    public static func grid(_ cards: [ImageCard]) -> String {
        "<div class=\"cards\">" + cards.map(\.html).joined() + "</div>"
    }
}
