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
        (["--algorithm", "spectral", "--k", "3"], "unknown --algorithm 'spectral'"),
        ([], "kmeans needs --k N"),
        (["--k", "3", "--reduce", "pca:x"], "reduction 'pca:x' is not one of"),
        (["--k", "40"], "15 points, but at least 40 are needed"),
    ])
    func badRequests(arguments: [String], message: String) throws {
        let root = try makeClasses()
        let result = try CLIRunner.run(["cluster", root, "--catalog", folder.child("b.sqlite")] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
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
    }
}
