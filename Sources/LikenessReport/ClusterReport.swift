import Foundation

/// A clustering as an offline HTML page: a map of the points coloured by cluster, then one
/// section per cluster (largest first) with a thumbnail grid, the medoid marked, its cohesion and
/// a link that highlights it on the map, then the noise.
public struct ClusterReport: Sendable {
    public struct Cluster: Sendable {
        public var label: Int
        public var cohesion: Float
        /// Most typical first; the first is the medoid.
        public var members: [String]

        public init(label: Int, cohesion: Float, members: [String]) {
            self.label = label
            self.cohesion = cohesion
            self.members = members
        }
    }

    public var title: String
    public var summary: String
    public var clusters: [Cluster]
    public var noise: [String]
    /// The points on a map coloured by cluster; nil leaves the map out.
    public var map: ScatterMap?
    /// Data URIs by path.
    public var thumbnails: [String: String]
    /// Thumbnails shown per cluster; the other members are listed by name.
    public var shownPerCluster: Int

    public init(title: String, summary: String, clusters: [Cluster], noise: [String], map: ScatterMap?,
                thumbnails: [String: String], shownPerCluster: Int = 24) {
        self.title = title
        self.summary = summary
        self.clusters = clusters
        self.noise = noise
        self.map = map
        self.thumbnails = thumbnails
        self.shownPerCluster = shownPerCluster
    }

    /// The paths the page shows as thumbnails (so a caller makes only those).
    public static func shownPaths(clusters: [Cluster], noise: [String], shownPerCluster: Int = 24) -> [String] {
        clusters.flatMap { $0.members.prefix(shownPerCluster) } + noise.prefix(shownPerCluster)
    }

    public func html() -> String {
        var body = "<p class=\"lead\">\(HTML.escape(summary))</p>\n"
        body += "<style>.grid{display:flex;flex-wrap:wrap;gap:6px}.cell{width:128px;font-size:11px;word-break:break-all;color:#555}"
            + ".cell img{width:128px;height:128px;object-fit:cover;border-radius:4px;display:block}"
            + ".cell.medoid img{outline:3px solid #d62728;outline-offset:-3px}.swatch{display:inline-block;width:12px;height:12px;border-radius:50%;margin-right:6px}"
            + ".more{font-size:12px;color:#666;margin-top:6px}.more summary{cursor:pointer}</style>\n"
        if let map {
            body += "<h2 id=\"map\">Map</h2>" + map.html()
        }
        body += "<h2>Clusters</h2><table><tr><th class=\"name\">cluster</th><th>images</th><th>cohesion</th><th class=\"name\">medoid</th></tr>"
        for cluster in clusters {
            body += "<tr><td class=\"name\"><a href=\"#cluster-\(cluster.label)\">cluster \(cluster.label)</a></td><td>\(cluster.members.count)</td>"
                + "<td>\(String(format: "%.3f", cluster.cohesion))</td><td class=\"name\">\(HTML.escape((cluster.members.first ?? "") as String))</td></tr>"
        }
        if !noise.isEmpty { body += "<tr><td class=\"name\"><a href=\"#noise\">noise</a></td><td>\(noise.count)</td><td></td><td></td></tr>" }
        body += "</table>\n"
        for cluster in clusters {
            let colour = ScatterMap.colour(cluster.label, of: clusters.count)
            body += "<h2 id=\"cluster-\(cluster.label)\"><span class=\"swatch\" style=\"background:\(colour)\"></span>Cluster \(cluster.label) "
                + "· \(cluster.members.count) image\(cluster.members.count == 1 ? "" : "s") · cohesion \(String(format: "%.3f", cluster.cohesion))"
                + (map == nil ? "" : " · <a href=\"#map\" onclick=\"window.lkMapHighlight&&window.lkMapHighlight(\(cluster.label))\">show on map</a>")
                + "</h2>" + grid(cluster.members, medoid: true)
        }
        if !noise.isEmpty {
            body += "<h2 id=\"noise\">Noise · \(noise.count) image\(noise.count == 1 ? "" : "s") in no cluster</h2>" + grid(noise, medoid: false)
        }
        if clusters.isEmpty && noise.isEmpty { body += "<p>No images clustered.</p>" }
        return HTML.page(title: title, body: body)
    }

    private func grid(_ members: [String], medoid: Bool) -> String {
        var out = "<div class=\"grid\">"
        for (index, path) in members.prefix(shownPerCluster).enumerated() {
            let name = (path as NSString).lastPathComponent
            let isMedoid = medoid && index == 0
            let image = thumbnails[path].map { "<img src=\"\($0)\" alt=\"\(HTML.escape(name))\">" } ?? ""
            out += "<div class=\"cell\(isMedoid ? " medoid" : "")\" title=\"\(HTML.escape(path))\">\(image)\(isMedoid ? "<b>medoid</b> · " : "")\(HTML.escape(name))</div>"
        }
        out += "</div>"
        if members.count > shownPerCluster {
            let rest = members.dropFirst(shownPerCluster)
            out += "<details class=\"more\"><summary>\(rest.count) more</summary>" + rest.map(HTML.escape).joined(separator: "<br>") + "</details>"
        }
        return out
    }
}
