import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessServer
import Testing

@Suite struct OpenAPITests {
    @Test("the OpenAPI document served at /api/v1/openapi.json names exactly the API routes the router has, and the routes do not clash")
    func documentMatchesRoutes() async throws {
        let fixture = try ServerFixture()
        let server = try fixture.server()
        let router = server.router()
        try router.validate()
        let registered = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" }.filter { $0.contains(" /api/v1/") })
        #expect(registered.count >= 20)
        try await server.application().test(.router) { client in
            let response = try await client.send(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok && response.headers[.contentType] == "application/json")
            let document = try response.object()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(documented == registered, "only documented: \(documented.subtracting(registered)); only routed: \(registered.subtracting(documented))")
        }
    }
}
