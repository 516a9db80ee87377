import Foundation
import LikenessCore

/// Near-duplicate groups as an offline HTML page: each group side by side, the keeper marked,
/// every member's similarity to the keeper on it.
public struct DuplicateReport: Sendable {
    public struct Member: Sendable {
        public var path: String
        public var caption: String
        public init(path: String, caption: String) { self.path = path; self.caption = caption }
    }

    public struct Group: Sendable {
        public var reason: String
        /// The keeper first.
        public var members: [Member]
        /// What kind of group this is, shown after its size ("same picture").
        public var kind: String?
        /// The word on the first member and before the reason: "keep", or "best shot" for a group
        /// whose members are all kept.
        public var keeperWord: String
        public init(reason: String, members: [Member], kind: String? = nil, keeperWord: String = "keep") {
            self.reason = reason
            self.members = members
            self.kind = kind
            self.keeperWord = keeperWord
        }
    }

    public var title: String
    public var summary: String
    public var groups: [Group]
    /// Data URIs by path; a member without one shows its name only.
    public var thumbnails: [String: String]
    /// Whether the first member of each group is the keeper (duplicate groups) or the groups are
    /// plain sets shown side by side (pairs to label).
    public var marksKeeper = true

    public init(title: String, summary: String, groups: [Group], thumbnails: [String: String]) {
        self.title = title
        self.summary = summary
        self.groups = groups
        self.thumbnails = thumbnails
    }

    public func html() -> String {
        var body = "<p class=\"lead\">\(HTML.escape(summary))</p>\n"
        body += ImageCard.style + "<style>.group{border:1px solid #ddd;border-radius:6px;padding:10px;margin:14px 0}.reason{color:#555;margin:0 0 8px}</style>\n"
        for (number, group) in groups.enumerated() {
            if marksKeeper {
                body += "<div class=\"group\"><h2>Group \(number + 1) · \(group.members.count) images"
                    + (group.kind.map { " · \(HTML.escape($0))" } ?? "") + "</h2>"
                body += "<p class=\"reason\">\(HTML.escape(group.keeperWord.prefix(1).uppercased() + group.keeperWord.dropFirst())): "
                    + "\(HTML.escape(group.reason))</p>"
            } else {
                body += "<div class=\"group\"><p class=\"reason\">\(HTML.escape(group.reason))</p>"
            }
            body += ImageCard.grid(group.members.enumerated().map { position, member in
                let keeper = marksKeeper && position == 0
                let tag = keeper ? "<span class=\"tag\">\(HTML.escape(group.keeperWord))</span>" + (member.caption.isEmpty ? "" : " · ") : ""
                return ImageCard(path: member.path, thumbnail: thumbnails[member.path], caption: tag + HTML.escape(member.caption),
                                 classes: keeper ? [ImageCard.keeperClass] : [])
            }) + "</div>\n"
        }
        if groups.isEmpty { body += marksKeeper ? "<p>No near-duplicates found.</p>" : "<p>Nothing to show.</p>" }
        return HTML.page(title: title, body: body)
    }
}
