import LikenessCatalog

/// A queue of the shared catalog whose items workers claim under leases: what a worker's loop
/// (claim, work, complete, wait for the others' leases) needs of it, whatever its items are.
///
/// ``PostgresWorkQueue`` (images to hash or embed) and ``PostgresScanQueue`` (paths to read) are
/// the two; a worker drains both through the same loop.
public protocol LeasedQueue: Sendable {
    /// What one claimed item is.
    associatedtype Item: Sendable
    /// Leases up to `limit` claimable items, skipping rows other workers are claiming at this moment.
    func claim(limit: Int) throws(CatalogError) -> [Item]
    /// Items not done: those a claim could take now, and those other workers hold under live leases.
    func remaining() throws(CatalogError) -> (claimable: Int, leasedElsewhere: Int)
}
