import LikenessCatalog
import Logging
import PostgresNIO

/// Runs statements on a connection its ``PostgresSession`` holds, waiting for each result.
struct PostgresStatements {
    let connection: PostgresConnection
    /// The session's address without password, for errors.
    let location: String
    let logger: Logger

    /// Runs one statement and returns its rows.
    @discardableResult
    func run(_ query: PostgresQuery) throws(CatalogError) -> [PostgresRow] {
        // PostgresNIO writes a statement to a closed channel without failing its future, which
        // would wait forever: a connection the server closed (restart, terminated backend) is
        // refused here instead.
        guard !connection.isClosed else {
            throw .unreachable(location: location, message: "the server closed the connection")
        }
        do {
            return try connection.query(query, logger: logger).wait().rows
        } catch {
            throw PostgresFailure.running(error, location: location)
        }
    }

    /// Runs one statement and turns each row into a value; a column of an unexpected type is a
    /// ``CatalogError/server(location:code:message:)``.
    func rows<T>(_ query: PostgresQuery, _ transform: (PostgresRow) throws -> T) throws(CatalogError) -> [T] {
        let rows = try run(query)
        do {
            return try rows.map(transform)
        } catch {
            throw PostgresFailure.running(error, location: location)
        }
    }
}
