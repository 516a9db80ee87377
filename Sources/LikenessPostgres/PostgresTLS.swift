import Foundation
import LikenessCatalog

/// How a connection to the shared catalog is encrypted, in libpq's words: the URL options
/// `sslmode` and `sslrootcert` (`postgres://…/photos?sslmode=verify-full&sslrootcert=/etc/ca.pem`).
public struct PostgresTLS: Sendable, Hashable {
    /// libpq's `sslmode` values.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Never encrypt.
        case disable
        /// Encrypt when the server offers it, else not; the certificate is not checked (libpq's default).
        case prefer
        /// Always encrypt, refuse a server without TLS; the certificate is not checked.
        case require
        /// Always encrypt, and the server's certificate must chain to a trusted root (the host name is not checked).
        case verifyCA = "verify-ca"
        /// Always encrypt, and the certificate must chain to a trusted root and name the host.
        case verifyFull = "verify-full"

        /// Whether the server's certificate is checked against trusted roots.
        public var verifiesCertificate: Bool { self == .verifyCA || self == .verifyFull }
    }

    public var mode: Mode
    /// A PEM file of the roots to trust (`sslrootcert`); nil trusts the system's roots. Only read
    /// by the verifying modes.
    public var rootCertificate: String?

    public init(mode: Mode = .prefer, rootCertificate: String? = nil) {
        self.mode = mode
        self.rootCertificate = rootCertificate
    }

    /// libpq's default: encrypt when the server can.
    public static let `default` = PostgresTLS()

    /// Reads `sslmode` and `sslrootcert` from a URL's query items; any other option, an unknown
    /// mode, or a root file with a mode that would not read it is refused with the reason.
    init(queryItems: [URLQueryItem]) throws(PostgresTLSOptionError) {
        self.init()
        var seen = Set<String>()
        for item in queryItems {
            guard seen.insert(item.name).inserted else { throw .init("\(item.name) is given twice") }
            switch item.name {
            case "sslmode":
                guard let text = item.value, let mode = Mode(rawValue: text) else {
                    throw .init("sslmode must be one of \(Mode.allCases.map(\.rawValue).joined(separator: ", ")), not \(item.value ?? "nothing")")
                }
                self.mode = mode
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else { throw .init("sslrootcert needs a file path") }
                rootCertificate = path
            default:
                throw .init("option \(item.name) is not supported (sslmode and sslrootcert are)")
            }
        }
        if rootCertificate != nil, !mode.verifiesCertificate {
            throw .init("sslrootcert is read only with sslmode=verify-ca or verify-full")
        }
    }

    /// The URL options that say this, empty for the default.
    var query: String {
        guard self != .default else { return "" }
        var items = ["sslmode=\(mode.rawValue)"]
        if let rootCertificate { items.append("sslrootcert=\(rootCertificate.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? rootCertificate)") }
        return "?" + items.joined(separator: "&")
    }
}

/// Why the TLS options of a `postgres://` URL were refused; ``PostgresAddress/init(parsing:)``
/// turns it into ``CatalogError/invalidAddress(_:reason:)``.
struct PostgresTLSOptionError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
