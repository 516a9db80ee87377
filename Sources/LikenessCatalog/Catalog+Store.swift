/// The embedded SQLite catalog is the reference ``CatalogStore``: its methods are the protocol's.
extension Catalog: CatalogStore {
    /// The database file.
    public var location: String { path }
    /// The database file.
    public var filePath: String? { path }
}
