import LikenessCatalog
import LikenessCore

/// Finds duplicate groups among catalogued files.
public struct DuplicateFinder: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    /// Byte-identical files (same SHA-256), largest groups first.
    public func exactGroups(under roots: [String]? = nil) throws(CatalogError) -> [ExactDuplicateGroup] {
        try catalog.exactDuplicateGroups(under: roots.map { $0.map(FileWalker.absolute) })
    }
}
