import Foundation
import LikenessCatalog
import Synchronization

/// What a cosine search loads before its first product — the opened model and the space of every
/// stored vector — kept between searches by a long-lived shell (the server), so a search costs
/// one product instead of a catalog read of every vector, a model load and a stat of every file.
///
/// An entry serves while the catalog's ``ContentStamp`` is unchanged: any write a search could
/// see, by this process or another (a scan, an embed, a search that embedded a new image, another
/// machine's worker on a shared catalog), makes the next search load again. A file edited on disk
/// without a rescan keeps its old vector until the next scan, as the catalog itself does.
///
/// At most `capacity` sessions are kept (each holds every vector of one model): a new one pushes
/// out the one searched least recently, so memory stays bounded however many catalogs, models and
/// index choices a server is asked for.
public final class SearchSessions: Sendable {
    struct Key: Hashable {
        var catalogPath: String
        var model: String
        /// The index choice as written (`exact`, `hnsw:…`): an approximate graph is kept too.
        var index: String
    }

    struct Entry: Sendable {
        var stamp: ContentStamp
        var opened: OpenedModel
        var space: EmbeddingSpace
        /// When it last served, in searches since this object was made.
        var used: Int
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let loadCount = Mutex(0)
    private let clock = Mutex(0)
    /// How many sessions are kept at most.
    public let capacity: Int

    /// Keeps at most `capacity` (≥ 1) sessions; the default holds the default model and a few others.
    public init(capacity: Int = 4) {
        self.capacity = max(1, capacity)
    }

    /// How many sessions are kept now.
    public var count: Int { entries.withLock { $0.count } }

    /// How many times a search loaded its model and space (the rest reused one).
    public var loads: Int { loadCount.withLock { $0 } }

    /// The loaded model and space for `model` (searched through `index`) over the catalog at
    /// `catalogPath`, made by `load` when there is none or the catalog's `stamp` changed since.
    func prepared(catalogPath: String, model: String, index: String, stamp: () throws(JobError) -> ContentStamp,
                  load: () throws(JobError) -> (opened: OpenedModel, space: EmbeddingSpace)) throws(JobError) -> (opened: OpenedModel, space: EmbeddingSpace) {
        let key = Key(catalogPath: catalogPath, model: model, index: index)
        let now = clock.withLock { (tick: inout Int) -> Int in tick += 1; return tick }
        let current = try stamp()
        let kept = entries.withLock { (entries: inout [Key: Entry]) -> Entry? in
            guard entries[key]?.stamp == current else { return nil }
            entries[key]?.used = now
            return entries[key]
        }
        if let kept { return (kept.opened, kept.space) }
        let loaded = try load()
        loadCount.withLock { $0 += 1 }
        // Stamped after loading: a search that embedded new images wrote them before this stamp.
        let entry = Entry(stamp: try stamp(), opened: loaded.opened, space: loaded.space, used: now)
        entries.withLock { entries in
            entries[key] = entry
            while entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
                entries[oldest] = nil
            }
        }
        return loaded
    }
}
