import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessEngine
import LikenessImaging
import LikenessServer
import LikenessTestSupport
import NIOCore
import Testing

/// A library on disk (a root with images, a folder outside it) and a server over it.
final class ServerFixture: @unchecked Sendable {
    let folder = TemporaryDirectory("serve")
    var root: String { folder.child("root") }
    var outside: String { folder.child("outside") }
    /// The catalog file in the fixture's folder, or the shared catalog's URL the fixture was made with.
    let catalog: String
    var trash: String { folder.child("trash") }

    init(catalog: String? = nil) throws {
        self.catalog = catalog ?? folder.child("catalog.sqlite")
        folder.folder("root/album")
        folder.folder("outside")
        try Fixtures.writePattern(to: folder.child("root/album/a.png"), width: 96, height: 64, seed: 1)
        try Fixtures.writePattern(to: folder.child("root/album/b.png"), width: 96, height: 64, seed: 2)
        try Fixtures.writePattern(to: folder.child("root/c.png"), width: 96, height: 64, seed: 3)
        try Fixtures.writePattern(to: folder.child("outside/secret.png"), width: 96, height: 64, seed: 4)
    }

    func configuration(token: String? = nil, host: String = "127.0.0.1") throws -> ServerConfiguration {
        ServerConfiguration(host: host, confinement: try RootConfinement(roots: [root]), token: token.map { AccessToken($0) },
                            catalogPath: catalog, trash: trash, workers: 2)
    }

    func server(token: String? = nil, executor: JobRunner.Executor? = nil) throws -> LikenessServer {
        LikenessServer(services: ServerServices(configuration: try configuration(token: token), executor: executor))
    }

    /// Scans the root directly through the engine, as the scan job would.
    func scan() throws {
        _ = try ScanJob(roots: [root]).run(in: JobContext(catalogPath: catalog))
    }
}

/// Shortcuts for requests and JSON in route tests.
extension TestClientProtocol {
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    /// The stable error code of an error response.
    var errorCode: String? {
        ((try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["error"] as? [String: Any])?["code"] as? String
    }
}

/// JSON text of a value (for request bodies).
func json(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

/// Waits for a job to end through the API and returns its final detail.
func finishedJob(_ client: some TestClientProtocol, id: Int) async throws -> [String: Any] {
    for _ in 0..<6000 {
        let detail = try await client.send(.get, "/api/v1/jobs/\(id)").object()
        let job = detail["job"] as? [String: Any]
        if let state = job?["state"] as? String, ["finished", "failed", "cancelled"].contains(state) { return detail }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("job \(id) did not end")
    return [:]
}
