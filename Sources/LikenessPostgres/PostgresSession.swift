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
    private let logger: Logger

    /// Connects; a server that cannot be reached, or refuses the user or database, is
    /// ``CatalogError/unreachable(location:message:)``.
    init(address: PostgresAddress, logger: Logger = Logger(label: "likeness.postgres")) throws(CatalogError) {
        self.address = address
        self.logger = logger
        do {
            var configuration = PostgresConnection.Configuration(
                host: address.host, port: address.port, username: address.user, password: address.password,
                database: address.database, tls: try address.tls.connectionSetting(location: address.description))
            configuration.options.connectTimeout = .seconds(10)
            let opened = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                        id: Self.nextID.add(1, ordering: .relaxed).newValue, logger: logger).wait()
            connection = Mutex(opened)
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

    private func withConnection<T>(_ body: (PostgresStatements) throws(CatalogError) -> T) throws(CatalogError) -> T {
        let location = address.description
        let logger = self.logger
        return try connection.withLock { (connection: inout PostgresConnection) throws(CatalogError) -> sending T in
            try body(PostgresStatements(connection: connection, location: location, logger: logger))
        }
    }
}
