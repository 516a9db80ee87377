import Foundation
import LikenessCore
import LikenessTestSupport
import Testing

/// `likeness cluster --method` and `likeness map --method`: pixels and bit hashes beside the
/// embeddings, on two kinds of images that differ only in their layout.
@Suite(.serialized) struct ClusterMethodTests {
    let folder = TemporaryDirectory("cli-cluster-method")

    /// Six images whose left half is bright (`vertical/`) and six whose top half is bright (`horizontal/`).
    func makeKinds(_ name: String) throws -> String {
        let root = folder.folder(name)
        try Fixtures.writeHalves(in: root, perKind: 6)
        return root
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func folderName(_ path: String) -> String { ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent }

    /// Every cluster holds one kind only, and there are two.
    func expectKindsSeparated(_ output: [String: Any], points: Int = 12) throws {
        #expect(output["points"] as? Int == points)
        let clusters = try #require(output["clusters"] as? [[String: Any]])
        #expect(clusters.count == 2)
        for cluster in clusters {
            let members = try #require(cluster["members"] as? [String])
            #expect(Set(members.map(Self.folderName)).count == 1, "cluster mixes kinds: \(members)")
        }
        let agreement = try #require(output["agreement"] as? [String: Any])
        #expect(agreement["adjustedRandIndex"] as? Double == 1, "\(agreement)")
    }

    @Test("k-means and DBSCAN on pixels and on bit hashes separate the two kinds; the result records the method", arguments: [
        ("pixels", ["--k", "2"]),
        ("ahash", ["--k", "2"]),
        // (Not phash: on these images every DCT coefficient but those along one axis is noise, so half its bits are random.)
        ("blockmean", ["--algorithm", "agglomerative", "--k", "2"]),
        // Hamming of up to 8 of 64 bits (distance 0.71) within a kind; the kinds differ in about half their bits (distance ≈ 1.41).
        ("ahash", ["--algorithm", "dbscan", "--eps", "0.71", "--min-samples", "3"]),
        ("pixels", ["--algorithm", "hdbscan", "--min-cluster-size", "3"]),
    ])
    func separatesKinds(method: String, arguments: [String]) throws {
        let root = try makeKinds("k-\(method)-\(arguments[1])")
        let result = try CLIRunner.run(["cluster", root, "--method", method, "--labels", "folders", "--catalog", folder.child("k-\(method).sqlite"), "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result.stdout)
        try expectKindsSeparated(output)
        let settings = try #require(output["settings"] as? [String: Any])
        #expect(settings["method"] as? String == method && settings["model"] == nil)
        #expect(output["noise"] as? [String] == [])
        // Density methods reduce pixels to 50 principal components by default, never a bit hash.
        let density = arguments.contains("dbscan") || arguments.contains("hdbscan")
        #expect((output["explainedVariance"] != nil) == (density && method == "pixels"), "\(output.keys.sorted())")
    }

    @Test("the text summary names the method; a saved clustering shows it; the map says it too")
    func summaryAndSaved() throws {
        let root = try makeKinds("saved")
        let catalog = folder.child("saved.sqlite")
        let run = try CLIRunner.run(["cluster", root, "--method", "pixels", "--k", "2", "--catalog", catalog, "--save", "px"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("12 images in 2 clusters · k-means") && run.stdout.contains("· method pixels"), "\(run.stdout)")
        let show = try CLIRunner.run(["cluster", "show", "px", "--catalog", catalog])
        #expect(show.status == 0 && show.stdout.contains("method pixels"), "\(show.stdout)")
        let shown = try json(try CLIRunner.run(["cluster", "show", "px", "--catalog", catalog, "--json"]).stdout)
        #expect((shown["settings"] as? [String: Any])?["method"] as? String == "pixels")
        let map = try CLIRunner.run(["map", root, "--method", "ahash", "--catalog", catalog, "--colour", "cluster:px", "--json"])
        #expect(map.status == 0, "\(map.stderr)")
        let mapped = try json(map.stdout)
        #expect(mapped["method"] as? String == "ahash" && mapped["model"] == nil)
        let points = try #require(mapped["points"] as? [[String: Any]])
        #expect(points.count == 12)
        // Coloured by the pixel clustering: each kind is one group.
        var groupOf: [String: Set<Int>] = [:]
        for point in points { groupOf[Self.folderName(point["path"] as? String ?? ""), default: []].insert(point["group"] as? Int ?? -1) }
        #expect(groupOf.values.allSatisfy { $0.count == 1 } && Set(groupOf.values.flatMap { $0 }).count == 2, "\(groupOf)")
        let text = try CLIRunner.run(["map", root, "--method", "pixels", "--catalog", catalog])
        #expect(text.status == 0 && text.stdout.contains("12 images mapped by PCA") && text.stdout.contains("· method pixels"), "\(text.stdout)")
    }

    @Test("pixels: a file that cannot be decoded any more is skipped with its reason and the rest are clustered")
    func unreadableSkipped() throws {
        let root = try makeKinds("broken")
        let catalog = folder.child("broken.sqlite")
        #expect(try CLIRunner.run(["scan", root, "--catalog", catalog]).status == 0)
        let victim = (root as NSString).appendingPathComponent("vertical/2.png")
        try Fixtures.breakKeepingFingerprint(victim)
        let result = try CLIRunner.run(["cluster", root, "--method", "pixels", "--k", "2", "--labels", "folders", "--catalog", catalog, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result.stdout)
        try expectKindsSeparated(output, points: 11)
        let skipped = try #require(output["skipped"] as? [[String: Any]])
        #expect(skipped.count == 1)
        #expect(skipped.first?["path"] as? String == victim)
        #expect(["not-an-image", "corrupt-image"].contains(skipped.first?["kind"] as? String ?? ""), "\(skipped)")
        #expect(result.stderr.contains("vertical/2.png"), "the skip is noted on stderr: \(result.stderr)")
    }

    @Test("a second hash run reads no file: after every file is broken (size and time kept) it still clusters all twelve, while pixels find nothing")
    func hashesFromCatalog() throws {
        let root = try makeKinds("stored")
        let catalog = folder.child("stored.sqlite")
        let first = try CLIRunner.run(["cluster", root, "--method", "ahash", "--k", "2", "--labels", "folders", "--catalog", catalog, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        try expectKindsSeparated(try json(first.stdout))
        for kind in ["vertical", "horizontal"] {
            for n in 0..<6 { try Fixtures.breakKeepingFingerprint((root as NSString).appendingPathComponent("\(kind)/\(n).png")) }
        }
        let second = try CLIRunner.run(["cluster", root, "--method", "ahash", "--k", "2", "--labels", "folders", "--catalog", catalog, "--json"])
        #expect(second.status == 0, "\(second.stderr)")
        let output = try json(second.stdout)
        try expectKindsSeparated(output)
        #expect(output["skipped"] == nil)
        let pixels = try CLIRunner.run(["cluster", root, "--method", "pixels", "--k", "2", "--catalog", catalog])
        #expect(pixels.status == 2 && pixels.stderr.contains("no usable images"), "\(pixels.stderr)")
    }

    @Test("bad --method requests fail with a message and exit status 2, before any work", arguments: [
        (["--method", "pixel"], "unknown method 'pixel'; valid: pixels, ahash, dhash, phash, whash, blockmean, blockmean-overlap, efficientnet-lite0"),
        (["--method", "radial"], "radial is a continuous hash"),
        (["--method", "pixels", "--model", "efficientnet-lite0"], "--method pixels and --model efficientnet-lite0 disagree"),
        (["--method", "efficientnet-lite0", "--model", "nope"], "--method efficientnet-lite0 and --model nope disagree"),
    ])
    func badMethods(arguments: [String], message: String) throws {
        let root = try makeKinds("bad")
        let catalog = folder.child("bad.sqlite")
        for command in [["cluster", root, "--k", "2"], ["map", root]] {
            let result = try CLIRunner.run(command + ["--catalog", catalog] + arguments)
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: catalog), "refused before the catalog was opened")
    }

    @Test("--help of cluster and map explains --method with an example")
    func help() throws {
        // Words only: the help is wrapped to the terminal's width.
        func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let cluster = words(try CLIRunner.run(["cluster", "run", "--help"]).stdout)
        #expect(cluster.contains("Hamming 4 is distance 0.5") && cluster.contains("likeness cluster ~/Pictures --method pixels"), "\(cluster)")
        let map = words(try CLIRunner.run(["map", "--help"]).stdout)
        #expect(map.contains("distance² = 4·Hamming/bits") && map.contains("likeness map ~/Pictures --method pixels"), "\(map)")
    }
}
