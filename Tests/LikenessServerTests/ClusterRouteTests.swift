import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessServer
import LikenessTestSupport
import Testing

@Suite struct ClusterRouteTests {
    /// Three colour folders of four images each inside the root.
    static func makeColours(in fixture: ServerFixture) throws {
        try Fixtures.writeColourClasses(in: fixture.folder.child("root/colours"),
                                        classes: [("red", (220, 30, 30)), ("green", (30, 200, 40)), ("blue", (30, 40, 220))], perClass: 4, size: 48)
    }

    @Test("a cluster job from the API finds the colour folders; /clusters shows its map and galleries with the server's thumbnails, script and stylesheet")
    func clusterJobAndPage() async throws {
        let fixture = try ServerFixture()
        try Self.makeColours(in: fixture)
        let colours = fixture.folder.child("root/colours")
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let empty = try await client.send(.get, "/clusters")
            #expect(empty.status == .ok && empty.text.contains("No clustering yet") && empty.text.contains("id=\"cluster-form\""))
            let started = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "cluster", "folders": [colours],
                                                                                    "cluster": ["algorithm": "kmeans", "k": 3]]))
            #expect(started.status == .accepted, "\(started.text)")
            let id = try #require(try started.object()["id"] as? Int)
            let detail = try await finishedJob(client, id: id)
            #expect((detail["job"] as? [String: Any])?["state"] as? String == "finished", "\(detail)")
            let result = try #require(detail["result"] as? [String: Any])
            let clusters = try #require(result["clusters"] as? [[String: Any]])
            #expect(clusters.count == 3)
            for cluster in clusters {
                let folders = Set((cluster["members"] as? [String] ?? []).map { (($0 as NSString).deletingLastPathComponent as NSString).lastPathComponent })
                #expect(folders.count == 1)
            }
            #expect((result["map"] as? [[String: Any]])?.count == 12)

            let page = try await client.send(.get, "/clusters")
            #expect(page.status == .ok)
            #expect(page.text.contains("<script src=\"/assets/map.js\" defer></script>") && page.text.contains("href=\"/assets/report.css\""))
            #expect(page.text.contains("id=\"cluster-2\"") && page.text.contains("/api/v1/images/") && !page.text.contains("<style>"))
            #expect(!page.text.contains("style=\""), "inline styles break the content security policy")
            let script = try await client.send(.get, "/assets/map.js")
            #expect(script.status == .ok && script.text.contains("lkMapHighlight"))
            #expect(try await client.send(.get, "/assets/report.css").text.contains(".lk-map"))
        }
    }

    @Test("a cluster job with bad options or a folder outside the roots is refused before it is queued", arguments: [
        ("spectral", "unknown --algorithm 'spectral'"),
        ("dbscan", "dbscan needs --eps"),
        ("agglomerative", "agglomerative needs --k N"),
    ])
    func refusals(algorithm: String, message: String) async throws {
        let body = json(["kind": "cluster", "cluster": ["algorithm": algorithm]])
        let fixture = try ServerFixture()
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let bad = try await client.send(.post, "/api/v1/jobs", json: body)
            #expect(bad.status == .unprocessableContent && bad.text.contains(message), "\(bad.text)")
            let outside = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "cluster", "folders": [fixture.outside]]))
            #expect(outside.errorCode == "outside-roots")
            #expect(try await client.send(.get, "/api/v1/jobs").text == "[]")
        }
    }

    @Test("a cluster job with a method clusters by it (pixels separate two layouts) and records it; an unknown method is refused with the valid names")
    func method() async throws {
        let fixture = try ServerFixture()
        let halves = fixture.folder.child("root/halves")
        try Fixtures.writeHalves(in: halves, perKind: 4)
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let started = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "cluster", "folders": [halves],
                                                                                    "cluster": ["algorithm": "kmeans", "k": 2, "method": "pixels"]]))
            #expect(started.status == .accepted, "\(started.text)")
            let id = try #require(try started.object()["id"] as? Int)
            let detail = try await finishedJob(client, id: id)
            let result = try #require(detail["result"] as? [String: Any], "\(detail)")
            #expect((result["settings"] as? [String: Any])?["method"] as? String == "pixels")
            let clusters = try #require(result["clusters"] as? [[String: Any]])
            #expect(clusters.count == 2)
            for cluster in clusters {
                let kinds = Set((cluster["members"] as? [String] ?? []).map { (($0 as NSString).deletingLastPathComponent as NSString).lastPathComponent })
                #expect(kinds.count == 1, "\(cluster)")
            }
            let page = try await client.send(.get, "/clusters")
            #expect(page.text.contains("<select name=\"method\">") && page.text.contains("method pixels"))

            let bad = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "cluster", "cluster": ["k": 2, "method": "pixel"]]))
            #expect(bad.status == .unprocessableContent && bad.text.contains("unknown method 'pixel'; valid: pixels, ahash"), "\(bad.text)")
        }
    }

    @Test("a cluster job with save keeps it; the API and /clusters list it, show its members and compare it with another and with the folders; unknown names are 404")
    func savedClusterings() async throws {
        let fixture = try ServerFixture()
        try Self.makeColours(in: fixture)
        let colours = fixture.folder.child("root/colours")
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let none = try await client.send(.get, "/clusters")
            #expect(none.text.contains("None saved yet") && none.text.contains("name=\"save\""))
            #expect(try await client.send(.get, "/api/v1/clusterings").object()["clusterings"] as? [Any] != nil)
            for (name, options) in [("three", ["algorithm": "kmeans", "k": 3] as [String: Any]), ("two", ["algorithm": "kmeans", "k": 2])] {
                let started = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "cluster", "folders": [colours],
                                                                                        "cluster": options, "save": name]))
                #expect(started.status == .accepted, "\(started.text)")
                let detail = try await finishedJob(client, id: try #require(try started.object()["id"] as? Int))
                #expect((detail["job"] as? [String: Any])?["state"] as? String == "finished", "\(detail)")
            }
            let list = try #require(try await client.send(.get, "/api/v1/clusterings").object()["clusterings"] as? [[String: Any]])
            #expect(Set(list.compactMap { $0["name"] as? String }) == ["three", "two"])

            let shown = try await client.send(.get, "/api/v1/clusterings/three").object()
            let clusters = try #require(shown["clusters"] as? [[String]])
            #expect(clusters.count == 3 && clusters.allSatisfy { $0.count == 4 })
            for members in clusters {
                #expect(Set(members.map { (($0 as NSString).deletingLastPathComponent as NSString).lastPathComponent }).count == 1)
            }
            let folders = try #require(try await client.send(.get, "/api/v1/clusterings/three/agreement").object()["agreement"] as? [String: Any])
            #expect(folders["against"] as? String == "folders" && folders["adjustedRandIndex"] as? Double == 1 && folders["points"] as? Int == 12)
            let other = try #require(try await client.send(.get, "/api/v1/clusterings/three/agreement?with=two").object()["agreement"] as? [String: Any])
            let ari = try #require(other["adjustedRandIndex"] as? Double)
            #expect(other["against"] as? String == "two" && ari < 1 && ari > 0, "\(other)")

            let missing = try await client.send(.get, "/api/v1/clusterings/nope")
            #expect(missing.status == .notFound && missing.errorCode == "not-found" && missing.text.contains("saved: "), "\(missing.text)")
            #expect(try await client.send(.get, "/api/v1/clusterings/three/agreement?with=nope").status == .notFound)
            let blank = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "cluster", "cluster": ["k": 2], "save": "  "]))
            #expect(blank.status == .unprocessableContent && blank.text.contains("save needs a name"))

            let page = try await client.send(.get, "/clusters?saved=three")
            #expect(page.status == .ok && page.text.contains("Saved clustering ‘three’: 12 images in 3 clusters"), "\(page.text.prefix(3000))")
            #expect(page.text.contains("href=\"/clusters?saved=two\"") && page.text.contains("/api/v1/images/") && !page.text.contains("style=\""))
            let compared = try await client.send(.get, "/clusters?compare=three&with=")
            #expect(compared.text.contains("‘three’ against the folders: adjusted Rand index 1.000, NMI 1.000 over 12 images"))
            let unknown = try await client.send(.get, "/clusters?saved=nope")
            #expect(unknown.status == .ok && unknown.text.contains("no saved clustering named &#39;nope&#39;"))
        }
    }
}
