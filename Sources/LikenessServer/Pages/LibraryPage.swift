import Foundation

/// `/`: the roots with their folders and counts, the jobs (start, follow, cancel), and the images
/// of one folder.
enum LibraryPage {
    static func html(summary: LibrarySummary, jobs: [JobSnapshot], listing: LibraryRoutes.FolderListing?, problem: APIError?) -> String {
        let roots = summary.roots.map(\.path)
        let selected = listing?.folder
        let folders = summary.roots.flatMap { root in
            root.folders.map { (folder) -> String in
                """
                <tr\(folder.path == selected ? " class=\"selected\"" : "")>\
                <td><a href="/?folder=\(Layout.e(query(folder.path)))">\(Layout.e(Layout.relative(folder.path, roots: roots)))</a></td>\
                <td class="num">\(folder.images)</td><td class="num">\(folder.failed == 0 ? "" : String(folder.failed))</td>\
                <td class="num">\(Layout.bytes(folder.bytes))</td></tr>
                """
            }
        }.joined(separator: "\n")
        let rootsList = summary.roots.map { "<li><code>\(Layout.e($0.path))</code> — \($0.images) images\($0.failed > 0 ? ", \($0.failed) unusable" : "")</li>" }.joined()
        return Layout.page("Library", section: .library, body: """
            <h1>Library</h1>
            \(problem.map(Layout.problem) ?? "")
            <section class="card">
            <p class="lead"><strong>\(summary.images)</strong> images in <strong>\(summary.roots.reduce(0) { $0 + $1.folders.count })</strong> folders.
            Catalog <code>\(Layout.e(summary.catalog))</code>.</p>
            <ul class="roots">\(rootsList)</ul>
            <div class="actions" id="job-actions">
            <button class="primary" data-start="scan" title="Catalogue new and changed files under every root">Scan</button>
            <button data-start="embed" title="Compute the embeddings that are missing (scans first)">Embed</button>
            <button data-start="dupes" title="Find near-duplicate groups (scans and embeds first)">Find duplicates</button>
            </div>
            <p class="hint">Jobs run one at a time, in the order they were started; the others wait in the queue.</p>
            </section>
            <section class="card"><h2>Jobs</h2>
            <table class="jobs" id="jobs"><thead><tr><th>#</th><th>Job</th><th>State</th><th>Progress</th><th></th></tr></thead>
            <tbody>\(jobs.map(jobRow).joined(separator: "\n"))</tbody></table>
            \(jobs.isEmpty ? "<p class=\"hint\" id=\"no-jobs\">No jobs yet.</p>" : "")
            </section>
            <section class="card"><h2>Folders</h2>
            \(folders.isEmpty ? "<p class=\"hint\">Nothing catalogued yet: press Scan.</p>" : """
            <table class="folders"><thead><tr><th>Folder</th><th class="num">Images</th><th class="num">Unusable</th><th class="num">Size</th></tr></thead>
            <tbody>\(folders)</tbody></table>
            """)
            </section>
            \(listing.map { grid($0, roots: roots) } ?? "")
            """)
    }

    /// One row of the jobs table; the script keeps it up to date.
    static func jobRow(_ job: JobSnapshot) -> String {
        let progress = job.progress.map { (progress) -> String in
            let bar = progress.total.map { "<progress value=\"\(progress.completed)\" max=\"\(max(1, $0))\"></progress>" } ?? "<progress></progress>"
            return "\(bar)<small>\(Layout.e(progress.phase)) \(progress.completed)\(progress.total.map { " / \($0)" } ?? "")</small>"
        } ?? ""
        let error = job.error.map { "<div class=\"problem small\"><strong>\(Layout.e($0.code.rawValue))</strong> \(Layout.e($0.message))</div>" } ?? ""
        let cancel = job.state.isTerminal ? "" : "<button class=\"small\" data-cancel=\"\(job.id)\">Cancel</button>"
        return """
            <tr data-job="\(job.id)" data-state="\(job.state.rawValue)"><td>\(job.id)</td><td>\(Layout.e(job.summary))\(error)</td>\
            <td><span class="state \(job.state.rawValue)">\(job.state.rawValue)</span></td><td class="progress">\(progress)</td><td>\(cancel)</td></tr>
            """
    }

    /// The images of one folder as a grid of thumbnails.
    static func grid(_ listing: LibraryRoutes.FolderListing, roots: [String]) -> String {
        let cells = listing.images.map { (image) -> String in
            """
            <figure class="thumb"><a href="/api/v1/images/\(image.id)/file" target="_blank" rel="noopener">\
            <img loading="lazy" src="/api/v1/images/\(image.id)/thumbnail" alt="\(Layout.e(image.name))"></a>\
            <figcaption title="\(Layout.e(image.path))">\(Layout.e(image.name))<br><small>\(image.width ?? 0)×\(image.height ?? 0) · \(Layout.bytes(image.size)) · \
            <a href="/search?image=\(image.id)">similar</a></small></figcaption></figure>
            """
        }.joined(separator: "\n")
        let more = listing.total > listing.images.count ? "<p class=\"hint\">Showing \(listing.images.count) of \(listing.total).</p>" : ""
        return "<section class=\"card\"><h2>\(Layout.e(Layout.relative(listing.folder, roots: roots)))</h2>\(more)<div class=\"grid\">\(cells)</div></section>"
    }

    /// A value for a query string.
    static func query(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_.~"))) ?? value
    }
}
