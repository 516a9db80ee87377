import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessANN
import LikenessEngine
import LikenessServer
import LikenessTestSupport
import Testing

@Suite struct SearchRouteTests {
    /// The fixture's library scanned and embedded, and a server over it with a small upload cap.
    static func embedded(_ fixture: ServerFixture, maxUpload: Int = ServerConfiguration.defaultMaxUpload) throws -> LikenessServer {
        try embed(fixture)
        var configuration = try fixture.configuration()
        configuration.maxUpload = maxUpload
        return LikenessServer(services: ServerServices(configuration: configuration))
    }

    /// The fixture's library scanned and embedded with the default model.
    static func embed(_ fixture: ServerFixture) throws {
        try fixture.scan()
        _ = try EmbedJob(folders: [fixture.root]).run(in: JobContext(catalogPath: fixture.catalog))
    }

    @Test("search by a catalogued image: the other images, most similar first, with the default or a chosen model; an unknown model is a 400 listing the models")
    func byIDAndModel() async throws {
        let fixture = try ServerFixture()
        let app = try Self.embedded(fixture).application()
        try await app.test(.router) { client in
            let images = try #require(try await client.send(.get, "/api/v1/library/images?folder=\(fixture.root)/album").object()["images"] as? [[String: Any]])
            let a = try #require(images.first { ($0["name"] as? String) == "a.png" }?["id"] as? Int)
            let found = try await client.send(.post, "/api/v1/search?k=5", json: json(["image": a])).object()
            let matches = try #require(found["matches"] as? [[String: Any]])
            #expect(found["model"] as? String == ModelDefaults.model)
            let ids = matches.compactMap { ($0["image"] as? [String: Any])?["id"] as? Int }
            #expect(ids.count == 2 && !ids.contains(a), "the two other catalogued images, not the query itself: \(matches)")
            let scores = matches.compactMap { $0["similarity"] as? Double }
            #expect(scores == scores.sorted(by: >) && scores.allSatisfy { $0 < 0.999 }, "most similar first: \(scores)")

            let models = try await client.send(.post, "/api/v1/search", json: json(["image": a, "model": "no-such-model"]))
            #expect(models.status == .badRequest && models.text.contains(ModelDefaults.model), "\(models.text)")
            let page = try await client.send(.get, "/search?image=\(a)&model=no-such-model")
            #expect(page.status == .badRequest && page.text.contains("unknown model"))

            let installed = try #require(try fixture.server().services.models.first { $0 != ModelDefaults.model },
                                         "setup installs a second model (the int8 copy of the default)")
            let other = try await client.send(.post, "/api/v1/search?k=5", json: json(["image": a, "model": installed])).object()
            #expect(other["model"] as? String == installed)
            let otherIDs = (other["matches"] as? [[String: Any]])?.compactMap { ($0["image"] as? [String: Any])?["id"] as? Int }
            #expect(Set(otherIDs ?? []) == Set(ids), "the same neighbours through the other model's own vectors")
            let chosen = try await client.send(.get, "/search?image=\(a)&model=\(installed)")
            #expect(chosen.status == .ok && chosen.text.contains("<option value=\"\(installed)\" selected>"), "the page keeps the choice")
        }
    }

    @Test("a server started with --index hnsw searches through the graph, finds what exact search finds, and saves the graph next to the catalog")
    func approximateIndex() async throws {
        let fixture = try ServerFixture()
        let exact = try Self.embedded(fixture)
        var configuration = try fixture.configuration()
        configuration.index = .approximate(.hnsw(HNSWParameters()))
        let approximate = LikenessServer(services: ServerServices(configuration: configuration))
        var found: [[Int]] = []
        for server in [exact, approximate] {
            found.append(try await server.application().test(.router) { client in
                let images = try #require(try await client.send(.get, "/api/v1/library/images?folder=\(fixture.root)/album").object()["images"] as? [[String: Any]])
                let a = try #require(images.first { ($0["name"] as? String) == "a.png" }?["id"] as? Int)
                let matches = try #require(try await client.send(.post, "/api/v1/search?k=5", json: json(["image": a])).object()["matches"] as? [[String: Any]])
                return matches.compactMap { ($0["image"] as? [String: Any])?["id"] as? Int }
            })
        }
        #expect(found.count == 2 && found[0].count == 2 && found[0] == found[1], "\(found)")
        let saved = try FileManager.default.contentsOfDirectory(atPath: fixture.catalog + ".indexes")
        #expect(saved.contains { $0.hasSuffix(".faiss") }, "\(saved)")
    }

    /// The server's temporary upload folders now present.
    static func uploads() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("likeness-upload-") })
    }

    @Test("uploads: a raw image and a multipart form both search; not an image is a 415 naming the upload, not its temporary path; over the cap is a 413")
    func uploads() async throws {
        let fixture = try ServerFixture()
        let app = try Self.embedded(fixture, maxUpload: 200_000).application()
        let png = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.root + "/album/b.png")))
        let earlier = try Self.uploads()
        try await app.test(.router) { client in
            let raw = try await client.execute(uri: "/api/v1/search?k=3", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(bytes: png))
            #expect(raw.status == .ok, "\(String(buffer: raw.body))")
            let rawMatches = try #require(try JSONSerialization.jsonObject(with: Data(buffer: raw.body)) as? [String: Any])["matches"] as? [[String: Any]]
            #expect((rawMatches?.first?["image"] as? [String: Any])?["name"] as? String == "b.png", "the same picture comes first")

            let boundary = "likeness-test-boundary"
            var form = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"q.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
            form += png + Array("\r\n--\(boundary)--\r\n".utf8)
            let multipart = try await client.execute(uri: "/api/v1/search?k=3", method: .post,
                                                     headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: form))
            #expect(multipart.status == .ok, "\(String(buffer: multipart.body))")
            let noField = try await client.execute(uri: "/api/v1/search", method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                                                   body: ByteBuffer(string: "--\(boundary)\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--\(boundary)--\r\n"))
            #expect(noField.status == .badRequest)

            let text = try await client.execute(uri: "/api/v1/search", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(string: "not a picture at all"))
            #expect(text.status == .unsupportedMediaType, "\(String(buffer: text.body))")
            #expect(String(buffer: text.body).contains("the upload") && !String(buffer: text.body).contains("likeness-upload-"), "\(String(buffer: text.body))")

            let large = try await client.execute(uri: "/api/v1/search", method: .post, headers: [.contentType: "image/png"],
                                                 body: ByteBuffer(bytes: [UInt8](repeating: 7, count: 300_000)))
            #expect(large.status == .contentTooLarge, "\(String(buffer: large.body))")
            let leftovers = try Self.uploads().subtracting(earlier)
            #expect(leftovers.isEmpty, "every upload is removed after its search: \(leftovers)")
        }
    }
}
