import Foundation
import LikenessCatalog
@testable import LikenessPostgres

/// A fresh, empty database on the test server, dropped when the value is released.
///
/// The server is the one `make test` starts (scripts/postgres.sh) and names in
/// `LIKENESS_TEST_POSTGRES`. Without it the tests that need it fail with ``Unavailable``, which
/// says how to start one: they are never skipped.
public final class ScratchPostgres: @unchecked Sendable {
    /// The test server's maintenance database, where scratch databases are created and dropped.
    public let server: PostgresAddress
    /// The fresh database.
    public let address: PostgresAddress
    /// `address` as a `--catalog` URL.
    public var url: String { "postgres://\(address.user)@\(address.host):\(address.port)/\(address.database)" }

    /// The test server's self-signed certificate (`scripts/postgres.sh cert`, named in
    /// `LIKENESS_TEST_POSTGRES_CERT`), for connections that verify it.
    public static func certificate() throws -> String {
        guard let path = ProcessInfo.processInfo.environment["LIKENESS_TEST_POSTGRES_CERT"], !path.isEmpty else {
            throw Unavailable(description: """
                LIKENESS_TEST_POSTGRES_CERT is not set: the TLS tests need the test server's certificate. Run them through \
                `make test`, or set LIKENESS_TEST_POSTGRES_CERT="$(bash scripts/postgres.sh cert)"
                """)
        }
        return path
    }

    /// Why the test server cannot be used.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    public init() throws {
        guard let url = ProcessInfo.processInfo.environment["LIKENESS_TEST_POSTGRES"], !url.isEmpty else {
            throw Unavailable(description: """
                LIKENESS_TEST_POSTGRES is not set: the shared-catalog tests need a PostgreSQL server. Run them through \
                `make test`, or start one with `bash scripts/postgres.sh start` and set \
                LIKENESS_TEST_POSTGRES="$(bash scripts/postgres.sh url)"
                """)
        }
        server = try PostgresAddress(parsing: url)
        address = server.database("likeness_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))")
        do {
            try PostgresSession(address: server).execute(sql: "CREATE DATABASE \(address.database)")
        } catch {
            throw Unavailable(description: "the test server \(server) cannot be used: \(error). Is it running (`bash scripts/postgres.sh start`)?")
        }
    }

    deinit {
        try? PostgresSession(address: server).execute(sql: "DROP DATABASE IF EXISTS \(address.database) WITH (FORCE)")
    }

    /// Runs one statement in the scratch database (for tests that look under the catalog's API).
    public func execute(_ sql: String) throws {
        try PostgresSession(address: address).execute(sql: sql)
    }

    /// The integers of the first column of `sql`'s rows in the scratch database.
    public func integers(_ sql: String) throws -> [Int] {
        try PostgresSession(address: address).integers(sql: sql)
    }
}
