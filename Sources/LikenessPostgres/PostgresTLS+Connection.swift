import Foundation
import LikenessCatalog
import NIOSSL
import PostgresNIO

extension PostgresTLS {
    /// PostgresNIO's TLS setting for this mode: no TLS, TLS when offered, or TLS required; the
    /// certificate checked against the roots of ``rootCertificate`` (or the system's) in the
    /// verifying modes, and the host name too in `verify-full`.
    /// - Throws: ``CatalogError/invalidAddress(_:reason:)`` when the root file cannot be read or
    ///   the TLS context cannot be made.
    func connectionSetting(location: String) throws(CatalogError) -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return .disable
        case .prefer, .require:
            configuration.certificateVerification = .none
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
        }
        if mode.verifiesCertificate, let rootCertificate {
            guard FileManager.default.isReadableFile(atPath: rootCertificate) else {
                throw .invalidAddress(location, reason: "sslrootcert \(rootCertificate) cannot be read")
            }
            configuration.trustRoots = .file(rootCertificate)
        }
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: configuration) } catch {
            throw .invalidAddress(location, reason: "TLS could not be set up: \(error)")
        }
        return mode == .prefer ? .prefer(context) : .require(context)
    }
}
