import Foundation
import LikenessCore
import LikenessTestSupport
import Testing

@Suite(.serialized) struct ClusterCommandTests {
    let folder = TemporaryDirectory("cli-cluster")

    /// Three folders of five noisy flat colours each: red, green and blue.
    func makeClasses() throws -> String {
        let root = folder.folder("classes")
        try Fixtures.writeColourClasses(in: root, classes: [("red", (220, 30, 30)), ("green", (30, 200, 40)), ("blue", (30, 40, 220))],
                                        perClass: 5, size: 48)
        return root
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func folderName(_ path: String) -> String { ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent }

    @Test("k-means with k = 3 finds the three colour folders; each medoid belongs to its cluster; the report holds map and galleries")
    func kmeansFindsFolders() throws {
        let root = try makeClasses()
        let report = folder.child("clusters.html")
        let result = try CLIRunner.run(["cluster", root, "--algorithm", "kmeans", "--k", "3", "--catalog", folder.child("c.sqlite"),
                                        "--json", "--html", report])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result.stdout)
        let clusters = try #require(output["clusters"] as? [[String: Any]])
        #expect(clusters.count == 3)
        #expect(output["points"] as? Int == 15)
        for cluster in clusters {
            let members = try #require(cluster["members"] as? [String])
            #expect(Set(members.map(Self.folderName)).count == 1, "cluster mixes folders: \(members)")
            #expect(members.count == 5)
            #expect(cluster["medoid"] as? String == members.first)
            let cohesion = try #require(cluster["cohesion"] as? Double)
            #expect(cohesion > 0 && cohesion <= 1.0001)
        }
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<canvas id=\"lk-canvas\"") && html.contains("id=\"cluster-2\"") && html.contains("medoid"))
        #expect(html.contains("data:image/jpeg;base64,"))
    }

    @Test("a saved clustering is listed, shown with the same partition, colours a map, and is deleted")
    func savedClustering() throws {
        let root = try makeClasses()
        let catalog = folder.child("s.sqlite")
        let run = try CLIRunner.run(["cluster", root, "--k", "3", "--catalog", catalog, "--save", "colours", "--csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("saved as 'colours'"))
        let rows = run.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 15)
        var byPath: [String: String] = [:]
        for row in rows { byPath[row[0]] = row[1] }

        let list = try CLIRunner.run(["cluster", "list", "--catalog", catalog, "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let saved = try #require(try json(list.stdout)["clusterings"] as? [[String: Any]])
        #expect(saved.map { $0["name"] as? String } == ["colours"])
        #expect(saved.first?["clusters"] as? Int == 3)

        let show = try CLIRunner.run(["cluster", "show", "colours", "--catalog", catalog, "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        let shown = try #require(try json(show.stdout)["clusters"] as? [[String]])
        for (label, members) in shown.enumerated() { for path in members { #expect(byPath[path] == String(label)) } }

        let csv = folder.child("coords.csv")
        let map = try CLIRunner.run(["map", root, "--colour", "cluster:colours", "--catalog", catalog, "--csv", csv, "--html", folder.child("map.html")])
        #expect(map.status == 0, "\(map.stderr)")
        let coordinates = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(coordinates.count == 15)
        for row in coordinates { #expect(row[3] == "cluster " + byPath[row[0]]!) }
        // PCA of three well separated colour classes: points of one cluster lie closer to each other than to the others.
        #expect(Set(coordinates.map { "\($0[1]),\($0[2])" }).count > 3)

        let delete = try CLIRunner.run(["cluster", "delete", "colours", "--catalog", catalog])
        #expect(delete.status == 0 && delete.stdout.contains("0 saved clusterings left"))
        let missing = try CLIRunner.run(["cluster", "show", "colours", "--catalog", catalog])
        #expect(missing.status == 2 && missing.stderr.contains("no saved clustering named 'colours'"))
    }

    @Test("every algorithm finds the three colour folders, measured by --labels folders (ARI and NMI 1)", arguments: [
        ["--algorithm", "kmeans", "--auto", "--max-k", "6"],
        ["--algorithm", "minibatch-kmeans", "--k", "3"],
        ["--algorithm", "agglomerative", "--k", "3", "--linkage", "average"],
        ["--algorithm", "agglomerative", "--k", "3"],
        ["--algorithm", "hdbscan", "--min-cluster-size", "3"],
        ["--algorithm", "dbscan", "--eps", "0.3", "--min-samples", "3"],
    ])
    func everyAlgorithm(arguments: [String]) throws {
        let root = try makeClasses()
        let result = try CLIRunner.run(["cluster", root, "--labels", "folders", "--catalog", folder.child("a.sqlite"), "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result.stdout)
        let agreement = try #require(output["agreement"] as? [String: Any])
        #expect(agreement["adjustedRandIndex"] as? Double == 1, "\(agreement)")
        #expect(agreement["normalizedMutualInformation"] as? Double ?? 0 > 0.999)
        #expect((output["clusters"] as? [[String: Any]])?.count == 3)
        if arguments.contains("--auto") {
            let choice = try #require(output["kChoice"] as? [String: Any])
            #expect(choice["k"] as? Int == 3)
            #expect((choice["scores"] as? [[String: Any]])?.compactMap { $0["k"] as? Int } == [2, 3, 4, 5, 6])
        }
    }

    @Test("compare gives 1 for the same partition saved twice, and measures a saved clustering against its folders")
    func compare() throws {
        let root = try makeClasses()
        let catalog = folder.child("cmp.sqlite")
        #expect(try CLIRunner.run(["cluster", root, "--k", "3", "--catalog", catalog, "--save", "a"]).status == 0)
        #expect(try CLIRunner.run(["cluster", root, "--algorithm", "agglomerative", "--k", "3", "--catalog", catalog, "--save", "b"]).status == 0)
        #expect(try CLIRunner.run(["cluster", root, "--k", "2", "--catalog", catalog, "--save", "c"]).status == 0)
        let same = try CLIRunner.run(["cluster", "compare", "a", "b", "--catalog", catalog, "--json"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect((try json(same.stdout)["agreement"] as? [String: Any])?["adjustedRandIndex"] as? Double == 1)
        let coarser = try CLIRunner.run(["cluster", "compare", "a", "c", "--catalog", catalog, "--json"])
        let ari = try #require((try json(coarser.stdout)["agreement"] as? [String: Any])?["adjustedRandIndex"] as? Double)
        #expect(ari < 0.9 && ari > 0)
        let folders = try CLIRunner.run(["cluster", "compare", "a", "--labels", "folders", "--catalog", catalog])
        #expect(folders.status == 0 && folders.stdout.contains("adjusted Rand index 1.000"), "\(folders.stdout)")
        let neither = try CLIRunner.run(["cluster", "compare", "a", "--catalog", catalog])
        #expect(neither.status != 0 && neither.stderr.contains("name another saved clustering or give --labels folders"))
    }

    @Test("--best picks in every cluster the member `likeness quality` scores highest")
    func bestShot() throws {
        let root = try makeClasses()
        let catalog = folder.child("q.sqlite")
        let result = try CLIRunner.run(["cluster", root, "--k", "3", "--best", "--catalog", catalog, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let quality = try CLIRunner.run(["quality", root, "--catalog", catalog, "--json"])
        let scored = try #require(try json(quality.stdout)["images"] as? [[String: Any]])
        var overall: [String: Double] = [:]
        for image in scored {
            let path = try #require(image["path"] as? String)
            overall[path] = try #require(image["overall"] as? Double)
        }
        #expect(overall.count == 15)
        for cluster in try #require(try json(result.stdout)["clusters"] as? [[String: Any]]) {
            let members = try #require(cluster["members"] as? [String])
            let best = try #require(cluster["best"] as? String)
            #expect(members.contains(best))
            #expect(members.allSatisfy { overall[$0]! <= overall[best]! })
            #expect(abs((cluster["bestQuality"] as? Double ?? .nan) - overall[best]!) < 1e-9)
        }
    }

    @Test("a saving run replaces a clustering of the same name and says so")
    func replaces() throws {
        let root = try makeClasses()
        let catalog = folder.child("r.sqlite")
        #expect(try CLIRunner.run(["cluster", root, "--k", "2", "--catalog", catalog, "--save", "x"]).status == 0)
        let again = try CLIRunner.run(["cluster", root, "--k", "3", "--catalog", catalog, "--save", "x", "--json"])
        #expect(again.status == 0 && again.stderr.contains("replacing"))
        let list = try CLIRunner.run(["cluster", "list", "--catalog", catalog, "--json"])
        let saved = try #require(try json(list.stdout)["clusterings"] as? [[String: Any]])
        #expect(saved.count == 1 && saved.first?["clusters"] as? Int == 3)
    }

    @Test("bad requests fail with a message and exit status 2, before any work", arguments: [
        (["--algorithm", "spectral", "--k", "3"], "unknown --algorithm 'spectral'; choose one of: kmeans, minibatch-kmeans, dbscan, hdbscan, agglomerative"),
        ([], "kmeans needs --k N"),
        (["--algorithm", "dbscan"], "dbscan needs --eps"),
        (["--algorithm", "agglomerative", "--k", "3", "--linkage", "single"], "unknown --linkage 'single'"),
        (["--k", "3", "--auto"], "give --k or --auto, not both"),
        (["--k", "3", "--labels", "classes"], "labels 'classes' is not one of: folders"),
        (["--k", "3", "--reduce", "pca:x"], "reduction 'pca:x' is not one of"),
        (["--k", "40"], "15 points, but at least 40 are needed"),
    ])
    func badRequests(arguments: [String], message: String) throws {
        let root = try makeClasses()
        let result = try CLIRunner.run(["cluster", root, "--catalog", folder.child("b.sqlite")] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("t-SNE and UMAP maps keep each colour folder together: every point's nearest point on the map is from its folder", arguments: [
        ["--projection", "tsne", "--perplexity", "4"],
        ["--projection", "umap", "--neighbours", "5"],
        ["--projection", "pca"],
    ])
    func projections(arguments: [String]) throws {
        let root = try makeClasses()
        let result = try CLIRunner.run(["map", root, "--catalog", folder.child("p.sqlite"), "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let points = try #require(try json(result.stdout)["points"] as? [[String: Any]])
        #expect(points.count == 15)
        let xy = points.map { (($0["x"] as? Double) ?? .nan, ($0["y"] as? Double) ?? .nan) }
        #expect(xy.allSatisfy { $0.0.isFinite && $0.1.isFinite })
        let folders = points.map { Self.folderName($0["path"] as? String ?? "") }
        for i in xy.indices {
            let nearest = xy.indices.filter { $0 != i }.min { a, b in
                pow(xy[a].0 - xy[i].0, 2) + pow(xy[a].1 - xy[i].1, 2) < pow(xy[b].0 - xy[i].0, 2) + pow(xy[b].1 - xy[i].1, 2)
            }!
            #expect(folders[nearest] == folders[i])
        }
        // The same seed gives the same map.
        let again = try CLIRunner.run(["map", root, "--catalog", folder.child("p.sqlite"), "--json"] + arguments)
        #expect((try json(again.stdout)["points"] as? [[String: Any]])?.map { $0["x"] as? Double } == points.map { $0["x"] as? Double })
    }

    @Test("map colours by folder by default and refuses an unknown clustering before embedding anything")
    func mapByFolder() throws {
        let root = try makeClasses()
        let catalog = folder.child("m.sqlite")
        let result = try CLIRunner.run(["map", root, "--catalog", catalog, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result.stdout)
        #expect((output["groups"] as? [String])?.map { ($0 as NSString).lastPathComponent } == ["blue", "green", "red"])
        let points = try #require(output["points"] as? [[String: Any]])
        #expect(points.count == 15)
        let groups = output["groups"] as? [String] ?? []
        for point in points {
            let group = try #require(point["group"] as? Int)
            #expect((groups[group] as NSString).lastPathComponent == Self.folderName(point["path"] as? String ?? ""))
        }
        let unknown = try CLIRunner.run(["map", root, "--catalog", folder.child("u.sqlite"), "--colour", "cluster:nope"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no saved clustering named 'nope'"))
        let projection = try CLIRunner.run(["map", root, "--catalog", folder.child("p.sqlite"), "--projection", "isomap"])
        #expect(projection.status == 2 && projection.stderr.contains("unknown --projection 'isomap'; choose one of: pca, tsne, umap"),
                "\(projection.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.child("p.sqlite")))
    }
}
