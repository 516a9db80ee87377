import Foundation

/// `/search`: drop or choose an image (or start from a catalogued one) and see its nearest images.
enum SearchPage {
    static func html(query: ImageSummary?, found: SearchRoutes.Found?, problem: APIError?, models: [String], model: String) -> String {
        let choices = models.map { "<option value=\"\(Layout.e($0))\"\($0 == model ? " selected" : "")>\(Layout.e($0))</option>" }.joined()
        let chosen = query.map { (image) -> String in
            "<figure class=\"query\" data-image=\"\(image.id)\"><img src=\"/api/v1/images/\(image.id)/thumbnail\" alt=\"\(Layout.e(image.name))\"><figcaption>\(Layout.e(image.name))</figcaption></figure>"
        } ?? ""
        return Layout.page("Search", section: .search, body: """
            <h1>Search by image</h1>
            <section class="card search-input">
            <label class="drop" id="drop" tabindex="0">
            <input type="file" id="upload" accept="image/*" hidden>
            <span><strong>Drop an image here</strong> or click to choose a file</span>
            <small>It is embedded with the chosen model and compared with every catalogued image; it is not added to the catalog.</small>
            </label>
            <label class="inline">Model <select id="model">\(choices)</select></label>
            <div id="query-preview">\(chosen)</div>
            <p class="hint">To start from a catalogued image, use "similar" under any picture on the <a href="/">library page</a>.</p>
            </section>
            \(problem.map(Layout.problem) ?? "")
            <section class="card"><h2>Nearest images</h2><div class="grid" id="results">\(found.map(results) ?? "<p class=\"hint\">No query yet.</p>")</div></section>
            """)
    }

    /// The matches as a grid with their similarity; the script renders the same markup after an upload.
    static func results(_ found: SearchRoutes.Found) -> String {
        guard !found.matches.isEmpty else { return "<p class=\"hint\">No catalogued image to compare with: embed the library first.</p>" }
        return found.matches.map { (match) -> String in
            """
            <figure class="thumb"><a href="/api/v1/images/\(match.image.id)/file" target="_blank" rel="noopener">\
            <img loading="lazy" src="/api/v1/images/\(match.image.id)/thumbnail" alt="\(Layout.e(match.image.name))"></a>\
            <figcaption title="\(Layout.e(match.image.path))"><span class="score">\(String(format: "%.3f", match.similarity))</span> \(Layout.e(match.image.name))<br>\
            <small><a href="/search?image=\(match.image.id)&amp;model=\(Layout.e(found.model))">similar</a></small></figcaption></figure>
            """
        }.joined(separator: "\n")
    }
}
