import Foundation
import Hummingbird
import HTTPTypes

/// The checks every request passes before any route sees it, and the headers every response carries.
///
/// - **Token.** When the server has one, a request carries it as `Authorization: Bearer …`, or
///   carries the session cookie set by the login form; otherwise 401 (a login form for pages).
/// - **Host.** On a loopback address, the `Host` header must name a loopback host, so a web page
///   elsewhere cannot reach the server through a DNS name rebound to 127.0.0.1.
/// - **Origin.** A request that changes something (not GET or HEAD) from a page of another origin is
///   refused: another site cannot start jobs or move files through the user's browser. CORS is
///   closed: no `Access-Control-Allow-*` header is ever sent.
struct AccessGuard<Context: RequestContext>: RouterMiddleware {
    let token: AccessToken?
    let session: Session
    let loopback: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            try check(request)
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try Self.page(for: error, request: request) ?? error.response(from: request, context: context)
        }
        SecurityHeaders.add(to: &response)
        return response
    }

    private func check(_ request: Request) throws {
        let host = request.head.authority ?? ""
        if loopback && !Self.isLoopbackAuthority(host) {
            throw APIError(.forbidden, .crossOrigin, "this server answers only to localhost, 127.0.0.1 and [::1], not \(host)")
        }
        if request.method != .get && request.method != .head, let origin = request.headers[.origin],
           origin != "http://" + host && origin != "https://" + host {
            throw APIError(.forbidden, .crossOrigin, "requests that change something must come from this server's own pages")
        }
        guard let token, !Session.isLoginRoute(request) else { return }
        if let header = request.headers[.authorization], header.hasPrefix("Bearer "), token.matches(header.utf8.dropFirst(7)) { return }
        if let cookie = request.cookies[Session.cookieName], session.matches(cookie.value) { return }
        throw APIError(.unauthorized, .unauthorized, "this server needs its bearer token: send `Authorization: Bearer …`, or sign in at /login")
    }

    /// Pages get a login form instead of a JSON 401.
    private static func page(for error: HTTPResponseError, request: Request) -> Response? {
        guard error.status == .unauthorized, !request.uri.path.hasPrefix("/api/") else { return nil }
        return TextResponse.html(LoginPage.html(failed: false), status: .unauthorized)
    }

    /// `localhost`, `127.x.y.z` or `[::1]`, with or without a port.
    static func isLoopbackAuthority(_ authority: String) -> Bool {
        var host = authority
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<end])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return ServerConfiguration.isLoopback(host)
    }
}

/// Headers on every response: no sniffing, no framing, no referrer, and a content security policy
/// that allows only the server's own scripts, styles and images.
enum SecurityHeaders {
    static func add(to response: inout Response) {
        response.headers[.contentSecurityPolicy] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    }
}
