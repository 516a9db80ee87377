import Foundation
import LikenessReport

/// The frame of every page: the navigation, the stylesheet and the script, all served by this
/// server (nothing from the network; the content security policy forbids it anyway).
enum Layout {
    /// The sections of the app, in the navigation's order.
    enum Section: String, CaseIterable {
        case library, dupes, search, novelty, clusters, calibrate

        var title: String {
            switch self {
            case .library: "Library"
            case .dupes: "Duplicates"
            case .search: "Search"
            case .novelty: "Novelty"
            case .clusters: "Clusters"
            case .calibrate: "Labels"
            }
        }

        var href: String { self == .library ? "/" : "/\(rawValue)" }
    }

    /// A page in the app's frame; `stylesheets` are extra same-origin stylesheets it needs.
    static func page(_ title: String, section: Section?, body: String, stylesheets: [String] = []) -> String {
        let navigation = Section.allCases.map { (item) -> String in
            "<a href=\"\(item.href)\"\(item == section ? " class=\"active\" aria-current=\"page\"" : "")>\(item.title)</a>"
        }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title)) · Likeness</title>
            <link rel="stylesheet" href="/assets/app.css">\(stylesheets.map { "<link rel=\"stylesheet\" href=\"\(e($0))\">" }.joined())
            <script src="/assets/app.js" defer></script>
            </head><body data-page="\(section?.rawValue ?? "other")">
            <header class="top"><a class="brand" href="/">Likeness</a><nav>\(navigation)</nav></header>
            <main>
            \(body)
            </main>
            <div id="toast" role="status" aria-live="polite"></div>
            </body></html>
            """
    }

    /// Escapes text for HTML.
    static func e(_ text: String) -> String { HTML.escape(text) }

    /// "3.2 MB".
    static func bytes(_ count: Int64?) -> String {
        guard let count else { return "?" }
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count), unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }

    /// "2024-05-03 14:22".
    static func date(_ seconds: Double?) -> String {
        guard let seconds else { return "?" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// A path shown relative to the root it lies in.
    static func relative(_ path: String, roots: [String]) -> String {
        for root in roots.sorted(by: { $0.count > $1.count }) where path == root || path.hasPrefix(root + "/") {
            let rest = String(path.dropFirst(root.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            return ((root as NSString).lastPathComponent as String) + (rest.isEmpty ? "" : "/" + rest)
        }
        return path
    }

    /// A message box for a typed error.
    static func problem(_ error: APIError) -> String {
        "<div class=\"problem\"><strong>\(e(error.code.rawValue))</strong> \(e(error.message))</div>"
    }
}
