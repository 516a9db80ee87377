import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessCatalog
import LikenessEngine
import LikenessServer
import LikenessTestSupport
import Testing

@Suite struct ConfinementTests {
    @Test("a non-loopback address without a token is refused with a message that says what to do; with one it is accepted")
    func tokenRequiredOffLoopback() throws {
        let fixture = try ServerFixture()
        #expect(throws: ServerSetupError.tokenRequired(host: "0.0.0.0")) {
            try ServerConfiguration.validated(host: "0.0.0.0", port: 8321, roots: [fixture.root], tokenFile: nil, catalogPath: fixture.catalog, trash: nil)
        }
        #expect(ServerSetupError.tokenRequired(host: "0.0.0.0").description.contains("--token-file"))
        let tokenFile = fixture.folder.file("token", bytes: Array("s3cret-s3cret-s3cret-s3cret\n".utf8))
        let accepted = try ServerConfiguration.validated(host: "0.0.0.0", port: 8321, roots: [fixture.root], tokenFile: tokenFile,
                                                         catalogPath: fixture.catalog, trash: nil)
        #expect(accepted.token?.matches("s3cret-s3cret-s3cret-s3cret".utf8) == true)
        #expect(accepted.token?.matches("s3cret-s3cret-s3cret-s3creT".utf8) == false)
        for loopback in ["127.0.0.1", "localhost", "::1", "127.1.2.3"] {
            #expect(throws: Never.self) {
                try ServerConfiguration.validated(host: loopback, port: 0, roots: [fixture.root], tokenFile: nil, catalogPath: fixture.catalog, trash: nil)
            }
        }
        let short = fixture.folder.file("short", bytes: Array("abc".utf8))
        #expect(throws: ServerSetupError.tokenTooShort(path: short)) {
            try ServerConfiguration.validated(host: "0.0.0.0", port: 0, roots: [fixture.root], tokenFile: short, catalogPath: fixture.catalog, trash: nil)
        }
    }

    @Test("no root, a missing root and a trash folder inside a root are refused")
    func setupRefusals() throws {
        let fixture = try ServerFixture()
        #expect(throws: ServerSetupError.noRoots) {
            try ServerConfiguration.validated(host: "127.0.0.1", port: 0, roots: [], tokenFile: nil, catalogPath: fixture.catalog, trash: nil)
        }
        #expect(throws: ServerSetupError.rootNotAFolder(fixture.folder.child("nowhere"))) {
            try ServerConfiguration.validated(host: "127.0.0.1", port: 0, roots: [fixture.folder.child("nowhere")], tokenFile: nil,
                                              catalogPath: fixture.catalog, trash: nil)
        }
        let inside = fixture.folder.child("root/album/trash")
        #expect(throws: ServerSetupError.trashInsideRoot(trash: inside, root: fixture.root)) {
            try ServerConfiguration.validated(host: "127.0.0.1", port: 0, roots: [fixture.root], tokenFile: nil, catalogPath: fixture.catalog, trash: inside)
        }
    }

    @Test("with a shared catalog's URL the default trash is in the local data folder, never a folder named after the URL")
    func sharedCatalogTrash() throws {
        let fixture = try ServerFixture()
        let data = fixture.folder.folder("data")
        #expect(CatalogLocation.localFolder(of: "postgres://me:secret@127.0.0.1:1/photos",
                                            environment: ["XDG_DATA_HOME": data, "LIKENESS_CATALOG": "postgres://me@h/db"]) == data + "/likeness")
        #expect(CatalogLocation.localFolder(of: fixture.catalog) == fixture.folder.path)
        let configuration = try ServerConfiguration.validated(host: "127.0.0.1", port: 0, roots: [fixture.root], tokenFile: nil,
                                                              catalogPath: "postgres://me:secret@127.0.0.1:1/photos", trash: nil)
        #expect(configuration.trash.hasSuffix("/likeness/moved") && !configuration.trash.contains("postgres"), "\(configuration.trash)")
        #expect(!FileManager.default.fileExists(atPath: "postgres:"))
    }

    @Test("folders given to jobs and listings must resolve inside a root: `..` and symlinks that leave it are 403, missing ones 404")
    func folderConfinement() async throws {
        let fixture = try ServerFixture()
        try FileManager.default.createSymbolicLink(atPath: fixture.folder.child("root/escape"), withDestinationPath: fixture.outside)
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let escapes = [fixture.root + "/../outside", fixture.root + "/album/../../outside", fixture.folder.child("root/escape"), fixture.outside, "/etc"]
            for folder in escapes {
                let response = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "scan", "folders": [folder]]))
                #expect(response.status == .forbidden, "\(folder): \(response.text)")
                #expect(response.errorCode == "outside-roots")
                let listing = try await client.send(.get, "/api/v1/library/images?folder=\(folder.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(listing.status == .forbidden, "\(folder)")
            }
            let missing = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "scan", "folders": [fixture.root + "/nothing-here"]]))
            #expect(missing.status == .notFound && missing.errorCode == "not-found")
            let inside = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "scan", "folders": [fixture.root + "/album/../album"]]))
            #expect(inside.status == .accepted, "\(inside.text)")
            #expect((try inside.object()["summary"] as? String) == "scan " + fixture.root + "/album")
        }
    }

    @Test("images are served by catalog id only: a file reached through a symlink out of the root is 403, unknown ids 404, bytes are the file's")
    func imageConfinement() async throws {
        let fixture = try ServerFixture()
        // The walker follows links, so the catalog holds root/escape.png, whose file lies outside.
        try FileManager.default.createSymbolicLink(atPath: fixture.folder.child("root/escape.png"), withDestinationPath: fixture.folder.child("outside/secret.png"))
        try fixture.scan()
        let catalog = try Catalog(path: fixture.catalog, access: .readOnly)
        let escape = try #require(try catalog.image(at: fixture.folder.child("root/escape.png")))
        let inside = try #require(try catalog.image(at: fixture.folder.child("root/album/a.png")))
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            for route in ["", "/file", "/thumbnail"] {
                let refused = try await client.send(.get, "/api/v1/images/\(escape.id)\(route)")
                #expect(refused.status == .forbidden && refused.errorCode == "outside-roots", "\(route): \(refused.text)")
                let unknown = try await client.send(.get, "/api/v1/images/999999\(route)")
                #expect(unknown.status == .notFound && unknown.errorCode == "not-found")
            }
            for bad in ["/api/v1/images/..%2F..%2Fetc%2Fpasswd/file", "/api/v1/images/%2e%2e/file", "/api/v1/images/-1/file"] {
                let response = try await client.send(.get, bad)
                #expect(response.status == .badRequest || response.status == .notFound, "\(bad): \(response.status)")
            }
            let file = try await client.send(.get, "/api/v1/images/\(inside.id)/file")
            #expect(file.status == .ok && file.headers[.contentType] == "image/png")
            #expect(Array(file.body.readableBytesView) == Array(FileManager.default.contents(atPath: inside.path)!))
            let thumbnail = try await client.send(.get, "/api/v1/images/\(inside.id)/thumbnail")
            #expect(thumbnail.status == .ok && thumbnail.headers[.contentType] == "image/jpeg")
            #expect(Array(thumbnail.body.readableBytesView.prefix(2)) == [0xFF, 0xD8], "a JPEG")
            // The library counts only what lies inside the roots.
            let library = try await client.send(.get, "/api/v1/library").object()
            let roots = try #require(library["roots"] as? [[String: Any]])
            #expect(roots.first?["images"] as? Int == 3, "a.png, b.png and c.png; not the escaping link")
        }
    }
}
