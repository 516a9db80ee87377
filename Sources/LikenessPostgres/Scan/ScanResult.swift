import LikenessCatalog
import LikenessCore

/// What a worker found for one claimed path, as ``PostgresScanQueue/complete(_:)`` records it.
public struct ScanResult: Sendable {
    public var path: String
    /// The size and modification time it was read (or found unchanged) at; nil when it changed
    /// while being read, so the next listing offers it again.
    public var fingerprint: FileFingerprint?
    /// The row to record (as `likeness scan` records it, failures included); nil for a file that
    /// was unchanged since it was catalogued, or that vanished before it could be read.
    public var entry: CatalogEntry?
    /// Why the item failed: the entry's failure, or why there is no entry. Nil when it is done.
    public var failure: ItemFailure?

    public init(path: String, fingerprint: FileFingerprint?, entry: CatalogEntry?, failure: ItemFailure?) {
        self.path = path
        self.fingerprint = fingerprint
        self.entry = entry
        self.failure = failure
    }

    /// A file read and catalogued: failed when the entry carries a failure.
    public init(entry: CatalogEntry) {
        self.init(path: entry.path, fingerprint: entry.fingerprint, entry: entry, failure: entry.failure)
    }
}
