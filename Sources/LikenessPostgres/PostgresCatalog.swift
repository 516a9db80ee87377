import Foundation
import LikenessCatalog
import LikenessCore
import PostgresNIO

/// A catalog shared by several processes and machines, in a PostgreSQL database.
///
/// It keeps the same operations as the embedded SQLite ``Catalog`` (``CatalogStore``) and, beside
/// them, the work queue of ``PostgresWorkQueue``. Opening it creates the tables in an empty database
/// and upgrades an older schema; a database written by a newer Likeness is refused, untouched.
public final class PostgresCatalog: CatalogStore {
    /// The server and database, without the password in messages.
    public let address: PostgresAddress
    let session: PostgresSession

    /// Connects to `address` and brings the schema up to date.
    public init(address: PostgresAddress) throws(CatalogError) {
        self.address = address
        session = try PostgresSession(address: address)
        try PostgresSchema.migrate(session)
    }

    /// Parses a `postgres://` URL and connects to it.
    public convenience init(url: String) throws(CatalogError) {
        try self.init(address: PostgresAddress(parsing: url))
    }

    public var location: String { address.description }
    /// None: the catalog is on a server.
    public var filePath: String? { nil }

    /// Bindings of text values, in order, for statements whose SQL is assembled in code.
    static func binds(_ texts: String...) -> PostgresBindings {
        var binds = PostgresBindings()
        for text in texts { binds.append(text) }
        return binds
    }

    /// Bindings of integer values, in order, for statements whose SQL is assembled in code.
    static func ids(_ values: Int64...) -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return binds
    }

    /// The image columns every query that returns images selects, read by ``image(from:)``.
    static let imageColumns = "id, path, size, mtime_ns, sha256, width, height, format, failure_kind, failure_message, gone"

    /// A row with the columns of ``imageColumns`` (by name, in any position) as a catalogued image.
    static func image(from row: PostgresRow) throws -> CatalogImage {
        let row = row.makeRandomAccess()
        let size = try row["size"].decode(Int64?.self), mtime = try row["mtime_ns"].decode(Int64?.self)
        let width = try row["width"].decode(Int?.self), height = try row["height"].decode(Int?.self)
        let format = try row["format"].decode(String?.self)
        let kind = try row["failure_kind"].decode(String?.self), message = try row["failure_message"].decode(String?.self)
        let info = width.flatMap { w in height.flatMap { h in format.flatMap(ImageFormat.init(rawValue:)).map { ImageInfo(width: w, height: h, format: $0) } } }
        return CatalogImage(
            id: try row["id"].decode(Int64.self), path: try row["path"].decode(String.self),
            fingerprint: size.flatMap { size in mtime.map { FileFingerprint(size: size, modifiedNanoseconds: $0) } },
            contentHash: try row["sha256"].decode(String?.self).flatMap(ContentHash.init(hex:)),
            info: info,
            failure: kind.flatMap(FailureKind.init(rawValue:)).map { ItemFailure($0, message ?? "") },
            isGone: try row["gone"].decode(Bool.self))
    }
}
