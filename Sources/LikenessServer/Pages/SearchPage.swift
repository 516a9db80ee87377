import Foundation

/// `/search`: drop or choose an image (or start from a catalogued one) and see its nearest images.
enum SearchPage {
    static func html(query: ImageSummary?, found: SearchRoutes.Found?, problem: APIError?) -> String {
        let chosen = query.map { (image) -> String in
            "<figure class=\"query\"><img src=\"/api/v1/images/\(image.id)/thumbnail\" alt=\"\(Layout.e(image.name))\"><figcaption>\(Layout.e(image.name))</figcaption></figure>"
        } ?? ""
        return Layout.page("Search", section: .search, body: """
            <h1>Search by image</h1>
            <section class="card search-input">
            <label class="drop" id="drop" tabindex="0">
            <input type="file" id="upload" accept="image/*" hidden>
            <span><strong>Drop an image here</strong> or click to choose a file</span>
            <small>It is embedded with the catalog's model and compared with every catalogued image; it is not added to the catalog.</small>
            </label>
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
            <small><a href="/search?image=\(match.image.id)">similar</a></small></figcaption></figure>
            """
        }.joined(separator: "\n")
    }
}

/// `/novelty`: a query folder against a reference folder; each query image beside its nearest
/// reference, least similar first, with a threshold the user can move.
enum NoveltyPage {
    struct Row: Sendable {
        var query: ImageSummary?
        var queryPath: String
        var nearest: ImageSummary?
        var similarity: Float
        var novel: Bool
    }

    static func html(folders: [String], roots: [String], job: JobSnapshot?, threshold: Float?, rows: [Row]) -> String {
        // The query list starts on the second folder, so the two lists do not start on the same one.
        let options = { (selected: Int) -> String in
            folders.enumerated().map { (index, folder) -> String in
                "<option value=\"\(Layout.e(folder))\"\(index == selected ? " selected" : "")>\(Layout.e(Layout.relative(folder, roots: roots)))</option>"
            }.joined()
        }
        let table = rows.map { (row) -> String in
            let query = row.query.map { "<img loading=\"lazy\" src=\"/api/v1/images/\($0.id)/thumbnail\" alt=\"\(Layout.e($0.name))\">" } ?? "<div class=\"missing\">?</div>"
            let nearest = row.nearest.map { "<img loading=\"lazy\" src=\"/api/v1/images/\($0.id)/thumbnail\" alt=\"\(Layout.e($0.name))\">" } ?? "<div class=\"missing\">none</div>"
            return """
                <div class="pair\(row.novel ? " novel" : "")" data-similarity="\(row.similarity)">\
                <figure>\(query)<figcaption>\(Layout.e((row.queryPath as NSString).lastPathComponent))</figcaption></figure>\
                <div class="score"><strong>\(String(format: "%.3f", row.similarity))</strong><span class="flag">novel</span></div>\
                <figure>\(nearest)<figcaption>\(Layout.e(row.nearest?.name ?? "no reference"))</figcaption></figure></div>
                """
        }.joined(separator: "\n")
        let result = job.map { (job) -> String in
            rows.isEmpty ? "<p class=\"hint\">Job \(job.id) (\(Layout.e(job.summary))): \(job.state.rawValue).</p>" : """
                <p class="lead">\(Layout.e(job.summary)): <strong id="novel-count">\(rows.filter { $0.novel }.count)</strong> of \(rows.count) query images below the threshold.</p>
                <label class="slider">Threshold <input type="range" id="threshold" min="0" max="1" step="0.005" value="\(threshold ?? 0.5)"> <output id="threshold-value">\(String(format: "%.3f", threshold ?? 0.5))</output></label>
                <div class="pairs">\(table)</div>
                """
        } ?? "<p class=\"hint\">No novelty run yet.</p>"
        return Layout.page("Novelty", section: .novelty, body: """
            <h1>Novelty</h1>
            <section class="card">
            <form id="novelty-form" class="inline">
            <label>Reference <select name="reference" required>\(options(0))</select></label>
            <label>Query <select name="query" required>\(options(min(1, folders.count - 1)))</select></label>
            <label>Threshold <input name="threshold" type="number" min="0" max="1" step="0.01" value="0.5"></label>
            <button class="primary" type="submit">Compare</button>
            </form>
            <p class="hint">Each query image is shown beside its nearest reference image, least similar first; those below the threshold are flagged novel. Its progress shows on the <a href="/">library page</a>; reload when it has finished.</p>
            </section>
            <section class="card">\(result)</section>
            """)
    }
}
