import Foundation
import Hummingbird

/// The browser session of a server with a token: after the login form receives the token, a cookie
/// holding a random secret of this server process stands for it (the token itself never goes into
/// a cookie or a URL).
struct Session: Sendable {
    static let cookieName = "likeness_session"
    let secret: String

    init() {
        var generator = SystemRandomNumberGenerator()
        secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Constant-time comparison with the secret.
    func matches(_ value: String) -> Bool { AccessToken(secret).matches(value.utf8) }

    /// The cookie set after a good login: HTTP only, same site only, for the whole server.
    var cookie: Cookie {
        Cookie(name: Self.cookieName, value: secret, path: "/", httpOnly: true, sameSite: .strict)
    }

    /// The login form and its post are the only routes open without the token (with the assets they use).
    static func isLoginRoute(_ request: Request) -> Bool {
        request.uri.path == "/login" || request.uri.path.hasPrefix("/assets/")
    }
}
