import Foundation
import LikenessEngine
import LikenessReport

/// `/clusters`: start a clustering of a folder, then see the latest one as a map coloured by
/// cluster and a gallery per cluster (the same report as `likeness cluster --html`, with the
/// server's thumbnails and its script and stylesheet instead of inline ones).
enum ClustersPage {
    static func html(folders: [String], roots: [String], job: JobSnapshot?, result: ClusterResult?, thumbnails: [String: String]) -> String {
        let options = folders.map { "<option value=\"\(Layout.e($0))\">\(Layout.e(Layout.relative($0, roots: roots)))</option>" }.joined()
        let algorithms = ClusterAlgorithm.names.map { "<option value=\"\($0)\">\($0)</option>" }.joined()
        let methods = "<option value=\"\">model \(Layout.e(ModelDefaults.model))</option>"
            + ClusterMethod.names(models: []).map { "<option value=\"\($0)\">\($0)</option>" }.joined()
        var section = "<p class=\"hint\">No clustering yet.</p>"
        if let job, result == nil { section = "<p class=\"hint\">Job \(job.id) (\(Layout.e(job.summary))): \(job.state.rawValue).</p>" }
        if let result {
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
            <button class="primary" type="submit">Cluster</button>
            </form>
            <p class="hint">k-means without k chooses it by the silhouette; hdbscan needs no k; dbscan uses eps (√(2 − 2·cosine) between images, for every kind of vector; for a 64-bit hash, 0.5 is 4 differing bits). Progress shows on the <a href="/">library page</a>; this page reloads when it has finished.</p>
            </section>
            <section class="card">\(section)</section>
            """, stylesheets: ["/assets/report.css"])
    }
}
