import LikenessCatalog
import NIOSSL
import PostgresNIO

/// Turns PostgresNIO's and NIO's errors into ``CatalogError`` cases that say what to do.
enum PostgresFailure {
    /// An error met while connecting: everything is "cannot reach", with the server's reason when
    /// it gave one (unknown database, authentication failed).
    static func connecting(_ error: any Error, location: String) -> CatalogError {
        if let error = error as? CatalogError { return error }
        if let underlying = (error as? PSQLError)?.underlying, isTLS(underlying) {
            return .untrusted(location: location, message: "\(underlying)")
        }
        return .unreachable(location: location, message: reason(error))
    }

    /// Whether `error` comes from the TLS layer (NIOSSL): a certificate that failed verification,
    /// a name it does not hold, a handshake that failed.
    static func isTLS(_ error: any Error) -> Bool {
        error is NIOSSLError || error is NIOSSLExtraError
    }

    /// An error met while running a statement. A lost connection is "cannot reach"; a server error
    /// keeps its SQLSTATE code.
    static func running(_ error: any Error, location: String) -> CatalogError {
        switch error {
        case let error as CatalogError:
            return error
        case let error as PSQLError where error.code == .server:
            let state = error.serverInfo?[.sqlState] ?? "?????"
            // Class 08: connection exception; 57P01–57P03: the server is shutting down or starting.
            if state.hasPrefix("08") || state.hasPrefix("57P") { return .unreachable(location: location, message: reason(error)) }
            return .server(location: location, code: state, message: reason(error))
        case let error as PSQLError:
            return .unreachable(location: location, message: reason(error))
        case let error as PostgresDecodingError:
            return .server(location: location, code: "decode", message: "column \(error.columnName) of \(error.postgresType): \(error.code)")
        default:
            return .server(location: location, code: "client", message: "\(error)")
        }
    }

    /// The server's message when there is one, else the client's reason.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (\($0))" } ?? ""
            return message + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
