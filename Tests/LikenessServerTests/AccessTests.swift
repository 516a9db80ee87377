import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessServer
import Testing

@Suite struct AccessTests {
    let token = "a-long-enough-test-token-0123456789"

    @Test("with a token, every route needs it: missing or wrong is 401 (pages get the login form), the right bearer passes")
    func bearerToken() async throws {
        let fixture = try ServerFixture()
        let app = try fixture.server(token: token).application()
        try await app.test(.router) { client in
            for uri in ["/api/v1/library", "/api/v1/jobs", "/api/v1/images/1/file", "/api/v1/dupes"] {
                let none = try await client.send(.get, uri)
                #expect(none.status == .unauthorized && none.errorCode == "unauthorized", "\(uri)")
                let wrong = try await client.send(.get, uri, headers: [.authorization: "Bearer \(token)x"])
                #expect(wrong.status == .unauthorized, "\(uri)")
            }
            let started = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "scan"]))
            #expect(started.status == .unauthorized, "starting a job needs the token too")
            let page = try await client.send(.get, "/")
            #expect(page.status == .unauthorized && page.text.contains("<form method=\"post\" action=\"/login\">"))
            let allowed = try await client.send(.get, "/api/v1/library", headers: [.authorization: "Bearer \(token)"])
            #expect(allowed.status == .ok, "\(allowed.text)")
            let pageAllowed = try await client.send(.get, "/", headers: [.authorization: "Bearer \(token)"])
            #expect(pageAllowed.status == .ok && pageAllowed.text.contains("<h1>Library</h1>"))
        }
    }

    @Test("the login form turns the right token into a session cookie; a wrong one gets no cookie")
    func loginCookie() async throws {
        let fixture = try ServerFixture()
        let app = try fixture.server(token: token).application()
        try await app.test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let wrong = try await client.execute(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "token=nope"))
            #expect(wrong.status == .unauthorized && wrong.headers[.setCookie] == nil)
            let good = try await client.execute(uri: "/login", method: .post, headers: form,
                                                body: ByteBuffer(string: "token=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"))
            #expect(good.status == .seeOther)
            let cookie = try #require(good.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains(token))
            let pair = String(cookie.split(separator: ";")[0])
            let page = try await client.send(.get, "/", headers: [.cookie: pair])
            #expect(page.status == .ok)
            let forged = try await client.send(.get, "/", headers: [.cookie: "likeness_session=0123"])
            #expect(forged.status == .unauthorized)
        }
    }

    @Test("without a token on loopback: a cross-origin POST is refused; pages carry a strict CSP")
    func loopbackChecks() async throws {
        let fixture = try ServerFixture()
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let page = try await client.send(.get, "/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[.accessControlAllowOrigin] == nil)
            let crossSite = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "scan"]), headers: [.origin: "https://evil.example"])
            #expect(crossSite.status == .forbidden && crossSite.errorCode == "cross-origin")
            let sameSite = try await client.send(.post, "/api/v1/jobs/12345/cancel", headers: [.origin: "http://localhost"])
            #expect(sameSite.status == .notFound, "same origin passes the check (and the job does not exist)")
        }
    }

    @Test("malformed JSON and unknown job kinds are 400 with a reason, never 500")
    func malformedBodies() async throws {
        let fixture = try ServerFixture()
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            for body in ["{", "[]", "{\"kind\": 3}", "{\"kind\": \"format-disk\"}", "null", "{\"kind\": \"scan\", \"folders\": \"x\"}", "\u{0}"] {
                let response = try await client.send(.post, "/api/v1/jobs", json: body)
                #expect(response.status == .badRequest && response.errorCode == "bad-request", "\(body): \(response.status) \(response.text)")
            }
            for uri in ["/api/v1/dupes/moves/preview", "/api/v1/dupes/moves", "/api/v1/moves/undo", "/api/v1/dupes/decisions", "/api/v1/search"] {
                let response = try await client.send(.post, uri, json: "{\"result\": \"x\"")
                #expect(response.status == .badRequest, "\(uri): \(response.status) \(response.text)")
            }
        }
    }
}
