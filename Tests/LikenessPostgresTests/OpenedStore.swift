import LikenessCatalog
import LikenessPostgres
import LikenessTestSupport
import Testing

/// The catalog stores the conformance suite runs against: each test runs once per store.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A fresh, empty store of one kind, with what keeps it alive (its folder, or its scratch database).
final class OpenedStore {
    let store: any CatalogStore
    private let folder: TemporaryDirectory
    private let database: ScratchPostgres?

    init(_ kind: StoreKind) throws {
        folder = TemporaryDirectory("store")
        switch kind {
        case .sqlite:
            database = nil
            store = try Catalog(path: folder.child("c.sqlite"))
        case .postgres:
            let database = try ScratchPostgres()
            self.database = database
            store = try PostgresCatalog(address: database.address)
        }
    }

    /// Runs `body` on a fresh store of `kind`, which lives (with its database) until `body` returns.
    static func with(_ kind: StoreKind, _ body: (any CatalogStore) throws -> Void) throws {
        let opened = try OpenedStore(kind)
        try withExtendedLifetime(opened) { try body(opened.store) }
    }

    /// A folder for files the test writes.
    func child(_ name: String) -> String { folder.child(name) }
    func folder(_ name: String) -> String { folder.folder(name) }
}
