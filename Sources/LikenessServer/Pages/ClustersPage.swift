import Foundation
import LikenessCore
import LikenessEngine
import LikenessReport

/// `/clusters`: start a clustering of a folder (optionally saved under a name), then see the
/// latest one as a map coloured by cluster and a gallery per cluster (the same report as `likeness
/// cluster --html`, with the server's thumbnails and its script and stylesheet instead of inline
/// ones); list the saved clusterings, open one (`?saved=NAME`), and compare one with another or
/// with the folders (`?compare=NAME&with=OTHER`, `with` empty for the folders).
enum ClustersPage {
    /// The saved clusterings, and what the query asked of them.
    struct Saved {
        var list: [SavedClustering]
        /// `?saved=NAME`: that clustering's members.
        var shown: (name: String, result: SavedClusteringsJob.Result)?
        /// `?compare=…`: the agreement.
        var agreement: SavedClusteringsJob.Result?
        /// Why the query could not be answered (an unknown name).
        var problem: String?

        init(list: [SavedClustering]) { self.list = list }
    }

    static func html(folders: [String], roots: [String], job: JobSnapshot?, result: ClusterResult?, saved: Saved, thumbnails: [String: String]) -> String {
        let options = folders.map { "<option value=\"\(Layout.e($0))\">\(Layout.e(Layout.relative($0, roots: roots)))</option>" }.joined()
        let algorithms = ClusterAlgorithm.names.map { "<option value=\"\($0)\">\($0)</option>" }.joined()
        let methods = "<option value=\"\">model \(Layout.e(ModelDefaults.model))</option>"
            + ClusterMethod.names(models: []).map { "<option value=\"\($0)\">\($0)</option>" }.joined()
        var section = "<p class=\"hint\">No clustering yet.</p>"
        if let job, result == nil { section = "<p class=\"hint\">Job \(job.id) (\(Layout.e(job.summary))): \(job.state.rawValue).</p>" }
        if let shown = saved.shown {
            section = savedReport(shown.name, shown.result, thumbnails: thumbnails)
        } else if let result {
            let clusters = result.clusters.map { ClusterReport.Cluster(label: $0.label, cohesion: $0.cohesion, members: $0.members, best: $0.best) }
            let map = result.map.map { points in
                ScatterMap(points: points.map { .init(x: $0.x, y: $0.y, group: $0.group, path: $0.path) },
                           groups: result.clusters.map { "cluster \($0.label)" }, thumbnails: thumbnails)
            }
            let summary = "\(result.points) images in \(result.clusters.count) clusters"
                + (result.noise.isEmpty ? "" : " and \(result.noise.count) noise") + " · \(result.algorithm)"
                + (result.kChoice.map { " · k = \($0.k) chosen by silhouette" } ?? "") + " · \(result.settings.method.summary)"
            section = ClusterReport(title: "Clusters", summary: summary, clusters: clusters, noise: result.noise, map: map, thumbnails: thumbnails)
                .body(assets: .external(scriptURL: "/assets/map.js"))
        }
        return Layout.page("Clusters", section: .clusters, body: """
            <h1>Clusters</h1>
            <section class="card">
            <form id="cluster-form" class="inline">
            <label>Folder <select name="folder" required>\(options)</select></label>
            <label>Algorithm <select name="algorithm">\(algorithms)</select></label>
            <label>Vectors <select name="method">\(methods)</select></label>
            <label>k <input name="k" type="number" min="1" max="500" placeholder="auto"></label>
            <label>Min cluster size <input name="minClusterSize" type="number" min="2" value="5"></label>
            <label>eps <input name="eps" type="number" min="0" step="0.01" value="0.5"></label>
            <label>Save as <input name="save" placeholder="optional name" maxlength="100"></label>
            <button class="primary" type="submit">Cluster</button>
            </form>
            <p class="hint">k-means without k chooses it by the silhouette; hdbscan needs no k; dbscan uses eps (√(2 − 2·cosine) between images, for every kind of vector; for a 64-bit hash, 0.5 is 4 differing bits). A name under Save as keeps the result in the catalog, as <code>likeness cluster --save NAME</code> does. Progress shows on the <a href="/">library page</a>; this page reloads when it has finished.</p>
            </section>
            \(savedSection(saved))
            <section class="card">\(section)</section>
            """, stylesheets: ["/assets/report.css"])
    }

    /// The saved clusterings: a table, and a form comparing one with another or with the folders.
    static func savedSection(_ saved: Saved) -> String {
        var out = "<section class=\"card\" id=\"saved\"><h2>Saved clusterings</h2>"
        if let problem = saved.problem { out += "<p class=\"problem\">\(Layout.e(problem))</p>" }
        guard !saved.list.isEmpty else {
            return out + "<p class=\"hint\">None saved yet: give a name under Save as, or run <code>likeness cluster --save NAME</code>.</p></section>"
        }
        out += "<table><tr><th class=\"name\">name</th><th class=\"name\">made by</th><th>images</th><th>clusters</th><th>noise</th><th class=\"name\">saved</th></tr>"
        for clustering in saved.list {
            let settings = try? JSONDecoder().decode(ClusterSettings.self, from: Data(clustering.settings.utf8))
            let madeBy = settings.map { "\($0.algorithm.name) · \($0.method.summary)" } ?? "—"
            out += "<tr><td class=\"name\"><a href=\"/clusters?saved=\(query(clustering.name))\">\(Layout.e(clustering.name))</a></td>"
                + "<td class=\"name\">\(Layout.e(madeBy))</td><td>\(clustering.points)</td><td>\(clustering.clusters)</td><td>\(clustering.noise)</td>"
                + "<td class=\"name\">\(Layout.e(ISO8601DateFormatter().string(from: clustering.createdAt)))</td></tr>"
        }
        out += "</table>"
        let names = saved.list.map { "<option value=\"\(Layout.e($0.name))\">\(Layout.e($0.name))</option>" }.joined()
        out += """
            <form method="get" action="/clusters#saved" class="inline">
            <label>Compare <select name="compare">\(names)</select></label>
            <label>with <select name="with"><option value="">the folders</option>\(names)</select></label>
            <button type="submit">Compare</button>
            </form>
            """
        if let result = saved.agreement, let agreement = result.agreement {
            let name = result.clusterings.first?.name ?? ""
            out += "<p class=\"lead\" id=\"agreement\">‘\(Layout.e(name))’ against \(agreement.against == "folders" ? "the folders" : "‘\(Layout.e(agreement.against))’")"
                + String(format: ": adjusted Rand index %.3f, NMI %.3f over %d images", agreement.adjustedRandIndex,
                         agreement.normalizedMutualInformation, agreement.points) + "</p>"
        }
        return out + "</section>"
    }

    /// A saved clustering as the cluster report, without a map (none is stored) or cohesion.
    static func savedReport(_ name: String, _ result: SavedClusteringsJob.Result, thumbnails: [String: String]) -> String {
        let clusters = (result.clusters ?? []).enumerated().map { ClusterReport.Cluster(label: $0.offset, cohesion: nil, members: $0.element) }
            .sorted { $0.members.count != $1.members.count ? $0.members.count > $1.members.count : $0.label < $1.label }
        let noise = result.noise ?? []
        let summary = "Saved clustering ‘\(name)’: \(clusters.reduce(0) { $0 + $1.members.count } + noise.count) images in \(clusters.count) clusters"
            + (noise.isEmpty ? "" : " and \(noise.count) noise") + (result.settings.map { " · \($0.algorithm.summary) · \($0.method.summary)" } ?? "")
        return ClusterReport(title: name, summary: summary, clusters: clusters, noise: noise, map: nil, thumbnails: thumbnails)
            .body(assets: .external(scriptURL: "/assets/map.js"))
    }

    private static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
