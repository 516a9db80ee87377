import Foundation
import LikenessCatalog

/// Where a shared catalog lives: a `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]` URL,
/// parsed once.
///
/// `postgresql://` is accepted too. User, password and database may be %-escaped. The options are
/// libpq's `sslmode` and `sslrootcert` (``PostgresTLS``). The password never appears in
/// ``description``, so messages and logs can name the address.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// How the connection is encrypted; by default when the server can (libpq's `prefer`).
    public var tls: PostgresTLS

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String, tls: PostgresTLS = .default) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// True when `text` names a PostgreSQL catalog rather than a file (it starts with `postgres://`
    /// or `postgresql://`).
    public static func isAddress(_ text: String) -> Bool {
        schemes.contains { text.lowercased().hasPrefix($0 + "://") }
    }

    private static let schemes = ["postgres", "postgresql"]

    /// Parses a URL; anything missing or malformed is ``CatalogError/invalidAddress(_:reason:)``
    /// naming the URL without its password.
    public init(parsing text: String) throws(CatalogError) {
        let shown = Self.redacted(text)
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .invalidAddress(shown, reason: "not a URL")
        }
        guard Self.schemes.contains(scheme) else {
            throw .invalidAddress(shown, reason: "the scheme must be postgres:// or postgresql://, not \(scheme)://")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalidAddress(shown, reason: "no host") }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw .invalidAddress(shown, reason: "no user before the @")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw .invalidAddress(shown, reason: "port \(port) is outside 1–65535")
        }
        let name = String(components.percentEncodedPath.drop { $0 == "/" })
        guard !name.isEmpty, !name.contains("/"), let database = name.removingPercentEncoding else {
            throw .invalidAddress(shown, reason: "the path must be one database name, as in /likeness")
        }
        let tls: PostgresTLS
        do { tls = try PostgresTLS(queryItems: components.queryItems ?? []) } catch { throw .invalidAddress(shown, reason: error.reason) }
        self.init(host: host, port: components.port ?? 5432, user: user,
                  password: components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }, database: database, tls: tls)
    }

    /// The URL with the password left out.
    public var description: String {
        let user = self.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? self.user
        let database = self.database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? self.database
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)\(tls.query)"
    }

    /// The same server and credentials, another database.
    public func database(_ name: String) -> PostgresAddress {
        var copy = self
        copy.database = name
        return copy
    }

    /// `text` with anything between the first ":" after "//" and the "@" replaced, for messages
    /// about URLs that could not be parsed.
    public static func redacted(_ text: String) -> String {
        guard let slashes = text.range(of: "//"), let at = text[slashes.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[slashes.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
