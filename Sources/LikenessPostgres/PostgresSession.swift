import Foundation
import LikenessCatalog
import Logging
import PostgresNIO
import Synchronization

/// One connection to a PostgreSQL server, used from synchronous code.
///
/// The engine is synchronous (threads, cancellation tokens); PostgresNIO is built on NIO event
/// loops. This is the one place that bridges them: each statement is sent with PostgresNIO's
/// `EventLoopFuture` API and the calling thread waits for its result. Callers are never event-loop
/// threads (the connection's loop is PostgresNIO's own group), so waiting cannot deadlock, and no
/// Swift concurrency executor is blocked. Statements of one session run one at a time; a
/// transaction holds the session until it commits or rolls back.
final class PostgresSession: Sendable {
    let address: PostgresAddress
    private let connection: Mutex<PostgresConnection>
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger

    /// Connects; a server that cannot be reached, or refuses the user or database, is
    /// ``CatalogError/unreachable(location:message:)``.
    init(address: PostgresAddress, logger: Logger = Logger(label: "likeness.postgres")) throws(CatalogError) {
        self.address = address
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: try address.tls.connectionSetting(location: address.description))
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
        connection = Mutex(try Self.connect(configuration, address: address, logger: logger))
    }

    /// Opens one connection with `configuration` (TLS context included, made once per session).
    private static func connect(_ configuration: PostgresConnection.Configuration, address: PostgresAddress,
                                logger: Logger) throws(CatalogError) -> PostgresConnection {
        do {
            return try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                  id: nextID.add(1, ordering: .relaxed).newValue, logger: logger).wait()
        } catch {
            throw PostgresFailure.connecting(error, location: address.description)
        }
    }

    deinit {
        let connection = self.connection.withLock { $0 }
        try? connection.close().wait()
    }

    private static let nextID = Atomic<Int>(0)

    /// Runs one statement on its own (autocommit) and returns its rows.
    @discardableResult
    func run(_ query: PostgresQuery) throws(CatalogError) -> [PostgresRow] {
        try withConnection { (statements: PostgresStatements) throws(CatalogError) in try statements.run(query) }
    }

    /// Runs one statement on its own and turns each row into a value.
    func rows<T>(_ query: PostgresQuery, _ transform: (PostgresRow) throws -> T) throws(CatalogError) -> [T] {
        try withConnection { (statements: PostgresStatements) throws(CatalogError) -> [T] in try statements.rows(query, transform) }
    }

    /// Runs SQL text as it is, without parameters: for maintenance statements that take none
    /// (`CREATE DATABASE`) and for tests that look under the catalog's API.
    func execute(sql: String) throws(CatalogError) {
        try run(PostgresQuery(unsafeSQL: sql))
    }

    /// The integers of the first column of `sql`'s rows (as ``execute(sql:)``, for counts).
    func integers(sql: String) throws(CatalogError) -> [Int] {
        try withConnection { (statements: PostgresStatements) throws(CatalogError) in
            try statements.rows(PostgresQuery(unsafeSQL: sql)) { try $0.decode(Int.self) }
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: (PostgresStatements) throws(CatalogError) -> T) throws(CatalogError) -> T {
        try withConnection { (statements: PostgresStatements) throws(CatalogError) -> T in
            try statements.run("BEGIN")
            do throws(CatalogError) {
                let result = try body(statements)
                try statements.run("COMMIT")
                return result
            } catch {
                _ = try? statements.run("ROLLBACK")
                throw error
            }
        }
    }

    /// Whether the server has closed the session's connection (it is opened again on the next statement).
    var isDisconnected: Bool { connection.withLock { $0.isClosed } }

    /// Runs `body` on the session's connection. A connection the server has closed (a restart,
    /// a terminated backend, an idle timeout) is opened again first, so long-lived sessions (the
    /// server's, a worker's) outlive a database restart. Only a connection found closed before
    /// `body` starts is replaced: a statement or transaction cut off midway fails, since it may
    /// or may not have taken effect, and is never sent twice.
    private func withConnection<T>(_ body: (PostgresStatements) throws(CatalogError) -> T) throws(CatalogError) -> T {
        let location = address.description
        let logger = self.logger
        return try connection.withLock { (connection: inout PostgresConnection) throws(CatalogError) -> sending T in
            if connection.isClosed {
                connection = try Self.connect(configuration, address: address, logger: logger)
            }
            return try body(PostgresStatements(connection: connection, location: location, logger: logger))
        }
    }
}
