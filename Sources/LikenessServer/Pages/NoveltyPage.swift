import Foundation
import LikenessReport

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
                <div class="novelty-chart">\(chart(rows, threshold: threshold ?? 0.5))</div>
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

    /// The similarity of every query image to its nearest reference, with the threshold marked: the
    /// offline report's histogram; the page's script moves the line with the slider.
    static func chart(_ rows: [Row], threshold: Float) -> String {
        NoveltyReport(rows: rows.map { .init(query: $0.queryPath, nearest: $0.nearest?.path, similarity: $0.similarity, novel: $0.novel) },
                      threshold: threshold, thumbnails: [:]).histogram()
    }
}
