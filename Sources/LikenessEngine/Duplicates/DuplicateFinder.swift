import LikenessCatalog
import LikenessCore

/// Finds duplicate groups among catalogued files.
public struct DuplicateFinder: Sendable {
    public let catalog: any CatalogStore

    public init(catalog: any CatalogStore) { self.catalog = catalog }

    /// Byte-identical files (same SHA-256), largest groups first, and the catalogued members left
    /// out because they changed or vanished since the last scan. Content a person chose to keep
    /// every copy of (a pair of it with itself in `distinct`) is left out.
    public func exactGroups(under roots: [String]? = nil, distinct: DistinctPairs = DistinctPairs()) throws(CatalogError) -> (groups: [ExactDuplicateGroup], stale: [ScannedFailure]) {
        var stale: [ScannedFailure] = []
        let groups = try catalog.exactDuplicateGroups(under: roots.map { $0.map(FileWalker.absolute) }).compactMap { group -> ExactDuplicateGroup? in
            guard !distinct.contains(group.contentHash, group.contentHash) else { return nil }
            let checked = CatalogFreshness.split(group.members)
            stale += checked.stale
            return checked.current.count > 1 ? ExactDuplicateGroup(contentHash: group.contentHash, members: checked.current) : nil
        }
        return (groups, stale)
    }
}
