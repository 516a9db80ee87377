import Foundation
import LikenessCatalog
@testable import LikenessPostgres
import LikenessTestSupport
import Testing

/// `sslmode` and `sslrootcert` in a shared catalog's URL: parsed once, refused when they cannot be
/// what was meant, and honoured by the connection (the test server serves TLS with a self-signed
/// certificate for localhost and 127.0.0.1, and plain connections too).
@Suite struct PostgresTLSTests {
    @Test("libpq's sslmode values parse, show in the URL unless they are the default, and a root file goes with a verifying mode")
    func parses() throws {
        #expect(try PostgresAddress(parsing: "postgres://u@h/db").tls == .default)
        #expect(PostgresTLS.default.mode == .prefer)
        for mode in PostgresTLS.Mode.allCases {
            let address = try PostgresAddress(parsing: "postgres://u@h/db?sslmode=\(mode.rawValue)")
            #expect(address.tls.mode == mode)
            #expect(address.description.hasSuffix(mode == .prefer ? "/db" : "/db?sslmode=\(mode.rawValue)"))
        }
        let verified = try PostgresAddress(parsing: "postgres://u:pw@h/db?sslmode=verify-full&sslrootcert=/etc/ca%20root.pem")
        #expect(verified.tls == PostgresTLS(mode: .verifyFull, rootCertificate: "/etc/ca root.pem"))
        #expect(verified.description == "postgres://u:***@h:5432/db?sslmode=verify-full&sslrootcert=/etc/ca%20root.pem")
        // What the description says parses back to the same address, password aside.
        #expect(try PostgresAddress(parsing: verified.description.replacingOccurrences(of: ":***", with: ":pw")) == verified)
    }

    @Test("an unknown mode or option, an option given twice, or a root file no mode reads is refused, saying why",
          arguments: [
            ("sslmode=always", "sslmode must be one of disable, prefer, require, verify-ca, verify-full"),
            ("sslmode=require&sslmode=disable", "given twice"),
            ("connect_timeout=5", "option connect_timeout is not supported"),
            ("sslmode=require&sslrootcert=/ca.pem", "only with sslmode=verify-ca or verify-full"),
            ("sslrootcert=/ca.pem", "only with sslmode=verify-ca or verify-full"),
            ("sslmode=verify-full&sslrootcert=", "needs a file path"),
          ])
    func refuses(query: String, reason: String) {
        #expect {
            try PostgresAddress(parsing: "postgres://u:pw@h/db?\(query)")
        } throws: { error in
            guard case CatalogError.invalidAddress(let shown, let why) = error else { return false }
            return why.contains(reason) && !shown.contains(":pw@")
        }
    }

    /// Whether the session's own connection is encrypted, as the server sees it.
    func encrypted(_ address: PostgresAddress) throws -> Bool {
        try PostgresSession(address: address).integers(sql: "SELECT CASE WHEN ssl THEN 1 ELSE 0 END FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == [1]
    }

    @Test("require, prefer and the verifying modes (trusting the server's certificate) connect encrypted; disable does not")
    func connects() throws {
        let scratch = try ScratchPostgres()
        let certificate = try ScratchPostgres.certificate()
        var address = scratch.address
        for (tls, expected) in [(PostgresTLS(mode: .require), true), (PostgresTLS(mode: .prefer), true), (PostgresTLS(mode: .disable), false),
                                (PostgresTLS(mode: .verifyCA, rootCertificate: certificate), true)] {
            address.tls = tls
            #expect(try encrypted(address) == expected, "\(tls.mode)")
        }
        // The certificate names localhost: verify-full reaches the server by that name.
        address.host = "localhost"
        address.tls = PostgresTLS(mode: .verifyFull, rootCertificate: certificate)
        #expect(try encrypted(address))
        // A whole catalog over a verified connection works as over any other.
        let catalog = try PostgresCatalog(address: address)
        #expect(try catalog.allImages().isEmpty)
    }

    @Test("a certificate that does not chain to the trusted roots, or does not name the host, is refused; a missing root file is named")
    func verifies() throws {
        let scratch = try ScratchPostgres()
        let certificate = try ScratchPostgres.certificate()
        var address = scratch.address
        #expect(address.host == "127.0.0.1", "the test server's URL names it by address")
        // The system's roots do not hold the test server's self-signed certificate.
        address.tls = PostgresTLS(mode: .verifyCA)
        #expect { try PostgresSession(address: address) } throws: { error in
            guard case CatalogError.untrusted(let location, let message) = error else { return false }
            return location.hasSuffix("?sslmode=verify-ca") && message.contains("CERTIFICATE_VERIFY_FAILED")
        }
        // Trusted, but it names localhost, not 127.0.0.1.
        address.tls = PostgresTLS(mode: .verifyFull, rootCertificate: certificate)
        #expect { try PostgresSession(address: address) } throws: { error in
            guard case CatalogError.untrusted(_, let message) = error else { return false }
            return message.contains("Hostname")
        }
        address.tls = PostgresTLS(mode: .verifyFull, rootCertificate: "/nowhere/ca.pem")
        #expect(throws: CatalogError.invalidAddress(address.description, reason: "sslrootcert /nowhere/ca.pem cannot be read")) {
            try PostgresSession(address: address)
        }
    }
}
