import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessEngine
import LikenessServer
import LikenessTestSupport
import Testing

/// The server over a shared PostgreSQL catalog answers as it does over a SQLite file of the same
/// library: jobs write the database, and the library, images, saved clusterings and search read it.
@Suite(.serialized) struct SharedCatalogServerTests {
    /// A scan job, the library and one folder's listing, an image and its thumbnail, a cluster job
    /// saved by name and that clustering, and a search by image: what each answered, without ids
    /// (each store numbers its rows) or times.
    static func answers(_ fixture: ServerFixture) async throws -> [String] {
        try ClusterRouteTests.makeColours(in: fixture)
        let app = try fixture.server().application()
        return try await app.test(.router) { client in
            var answers: [String] = []
            let scan = try #require(try await client.send(.post, "/api/v1/jobs", json: json(["kind": "scan"])).object()["id"] as? Int)
            let scanned = try #require(try await finishedJob(client, id: scan)["result"] as? [String: Any])
            answers.append("scan: \(scanned["images"] ?? "-") images of \(scanned["discovered"] ?? "-")")
            let library = try await client.send(.get, "/api/v1/library").object()
            answers.append("library: \((library["roots"] as? [[String: Any]])?.first?["images"] ?? "-") images")
            let listing = try #require(try await client.send(.get, "/api/v1/library/images?folder=\(fixture.root)/album").object()["images"] as? [[String: Any]])
            answers.append("album: " + listing.compactMap { $0["name"] as? String }.joined(separator: ", "))
            let a = try #require(listing.first { $0["name"] as? String == "a.png" }?["id"] as? Int)
            let image = try await client.send(.get, "/api/v1/images/\(a)").object()
            answers.append("image: \(image["path"] ?? "-") \(image["width"] ?? "-")x\(image["height"] ?? "-")")
            let thumbnail = try await client.send(.get, "/api/v1/images/\(a)/thumbnail")
            answers.append("thumbnail: \(thumbnail.status.code)")

            let started = try await client.send(.post, "/api/v1/jobs", json: json([
                "kind": "cluster", "folders": [fixture.folder.child("root/colours")], "save": "colours",
                "cluster": ["algorithm": "kmeans", "k": 3],
            ]))
            let cluster = try #require(try started.object()["id"] as? Int, "\(started.text)")
            let clustered = try #require(try await finishedJob(client, id: cluster)["result"] as? [String: Any])
            answers.append("cluster: saved \(clustered["saved"] ?? "-"), \((clustered["clusters"] as? [Any])?.count ?? 0) clusters")
            let saved = try await client.send(.get, "/api/v1/clusterings").object()
            answers.append("clusterings: " + ((saved["clusterings"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }.joined(separator: ", "))
            let shown = try await client.send(.get, "/api/v1/clusterings/colours").object()
            answers.append("colours: \(shown["clusters"] ?? "-")")

            let found = try await client.send(.post, "/api/v1/search?k=3", json: json(["image": a])).object()
            let matches = try #require(found["matches"] as? [[String: Any]], "\(found)")
            answers.append("search: " + matches.map { "\(($0["image"] as? [String: Any])?["path"] ?? "-") \($0["similarity"] ?? "-")" }.joined(separator: "; "))
            return answers
        }
    }

    @Test("a scan, the library, an image, a saved clustering and a search answer the same over PostgreSQL as over SQLite")
    func sameAnswers() async throws {
        let scratch = try ScratchPostgres()
        let fileFixture = try ServerFixture()
        let sharedFixture = try ServerFixture(catalog: scratch.url)
        let file = try await Self.answers(fileFixture)
        let shared = try await Self.answers(sharedFixture)
        // The same library in two folders: compare with each fixture's folder taken out.
        let strip = { (answers: [String], fixture: ServerFixture) in answers.map { $0.replacingOccurrences(of: fixture.folder.path, with: "<folder>") } }
        #expect(strip(file, fileFixture) == strip(shared, sharedFixture))
        #expect(shared.count == 9, "\(shared)")
        #expect(shared.contains("scan: 15 images of 15") && shared.contains("album: a.png, b.png") && shared.contains("thumbnail: 200"))
        #expect(shared.contains("cluster: saved colours, 3 clusters") && shared.contains("clusterings: colours"))
        #expect(shared.last?.hasPrefix("search: \(sharedFixture.root)/") == true, "\(shared)")
        withExtendedLifetime(scratch) {}
    }
}
