import Foundation

/// A clustering as an offline HTML page: a map of the points coloured by cluster, then one
/// section per cluster (largest first) with a thumbnail grid, the medoid marked, its cohesion and
/// a link that highlights it on the map, then the noise.
public struct ClusterReport: Sendable {
    public struct Cluster: Sendable {
        public var label: Int
        /// Nil for a saved clustering, which keeps only its labels: then the members are in no
        /// particular order, and neither a cohesion nor a medoid is shown.
        public var cohesion: Float?
        /// Most typical first; the first is the medoid (when ``cohesion`` is known).
        public var members: [String]
        /// The member with the best quality score, when it was asked for.
        public var best: String?

        public init(label: Int, cohesion: Float?, members: [String], best: String? = nil) {
            self.label = label
            self.cohesion = cohesion
            self.members = members
            self.best = best
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
        clusters.flatMap { ordered($0, shownPerCluster: shownPerCluster) } + noise.prefix(shownPerCluster)
    }

    /// The members a cluster's grid shows: the medoid, then the best image, then the most typical others.
    static func ordered(_ cluster: Cluster, shownPerCluster: Int) -> [String] {
        guard let best = cluster.best, let medoid = cluster.members.first, best != medoid else { return Array(cluster.members.prefix(shownPerCluster)) }
        return Array(([medoid, best] + cluster.members.dropFirst().filter { $0 != best }).prefix(shownPerCluster))
    }

    /// The report's styles (the map's are ``ScatterMap/stylesheet``).
    public static let stylesheet = """
        .grid{display:flex;flex-wrap:wrap;gap:6px}.cell{width:128px;font-size:11px;word-break:break-all;color:#555}
        .cell img{width:128px;height:128px;object-fit:cover;border-radius:4px;display:block}
        .cell.medoid img{outline:3px solid #d62728;outline-offset:-3px}.cell.best img{outline:3px solid #2ca02c;outline-offset:-3px}
        .swatch{display:inline-block;width:12px;height:12px;border-radius:50%;margin-right:6px}
        .more{font-size:12px;color:#666;margin-top:6px}.more summary{cursor:pointer}
        """

    /// A self-contained page.
    public func html() -> String {
        HTML.page(title: title, body: "<style>\(Self.stylesheet)</style>\n" + body(assets: .inline))
    }

    /// The page's content, for a page that has its own frame (the server's).
    public func body(assets: ScatterMap.Assets) -> String {
        var body = "<p class=\"lead\">\(HTML.escape(summary))</p>\n"
        if let map {
            body += "<h2 id=\"map\">Map</h2>" + map.html(assets: assets)
        }
        body += "<h2>Clusters</h2><table><tr><th class=\"name\">cluster</th><th>images</th><th>cohesion</th><th class=\"name\">medoid</th>\(clusters.contains { $0.best != nil } ? "<th class=\"name\">best</th>" : "")</tr>"
        for cluster in clusters {
            body += "<tr><td class=\"name\"><a href=\"#cluster-\(cluster.label)\">cluster \(cluster.label)</a></td><td>\(cluster.members.count)</td>"
                + "<td>\(cluster.cohesion.map { String(format: "%.3f", $0) } ?? "—")</td>"
                + "<td class=\"name\">\(cluster.cohesion == nil ? "—" : HTML.escape((cluster.members.first ?? "") as String))</td>"
                + (cluster.best.map { "<td class=\"name\">\(HTML.escape($0))</td>" } ?? "") + "</tr>"
        }
        if !noise.isEmpty { body += "<tr><td class=\"name\"><a href=\"#noise\">noise</a></td><td>\(noise.count)</td><td></td><td></td></tr>" }
        body += "</table>\n"
        for cluster in clusters {
            let colour = ScatterMap.colour(cluster.label, of: clusters.count)
            body += "<h2 id=\"cluster-\(cluster.label)\"><span class=\"swatch\" data-colour=\"\(colour)\"></span>Cluster \(cluster.label) "
                + "· \(cluster.members.count) image\(cluster.members.count == 1 ? "" : "s")"
                + (cluster.cohesion.map { " · cohesion " + String(format: "%.3f", $0) } ?? "")
                + (map == nil ? "" : " · <a href=\"#map\" data-highlight=\"\(cluster.label)\">show on map</a>")
                + "</h2>" + grid(cluster.members, shown: Self.ordered(cluster, shownPerCluster: shownPerCluster),
                        medoid: cluster.cohesion == nil ? nil : cluster.members.first, best: cluster.best)
        }
        if !noise.isEmpty {
            body += "<h2 id=\"noise\">Noise · \(noise.count) image\(noise.count == 1 ? "" : "s") in no cluster</h2>" + grid(noise, shown: Array(noise.prefix(shownPerCluster)), medoid: nil, best: nil)
        }
        if clusters.isEmpty && noise.isEmpty { body += "<p>No images clustered.</p>" }
        return body
    }

    private func grid(_ members: [String], shown: [String], medoid: String?, best: String?) -> String {
        var out = "<div class=\"grid\">"
        for path in shown {
            let name = (path as NSString).lastPathComponent
            let marks = [path == medoid ? "medoid" : nil, path == best ? "best" : nil].compactMap { $0 }
            let image = ImageCard.image(path, in: thumbnails)
            out += "<div class=\"cell \(marks.joined(separator: " "))\" title=\"\(HTML.escape(path))\">\(image)"
                + marks.map { "<b>\($0)</b> · " }.joined() + "\(HTML.escape(name))</div>"
        }
        out += "</div>"
        let shownSet = Set(shown)
        let rest = members.filter { !shownSet.contains($0) }
        if !rest.isEmpty {
            out += "<details class=\"more\"><summary>\(rest.count) more</summary>" + rest.map(HTML.escape).joined(separator: "<br>") + "</details>"
        }
        return out
    }
}
