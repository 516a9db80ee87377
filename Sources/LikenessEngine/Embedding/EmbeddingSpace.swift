import Foundation
import LikenessANN
import LikenessCatalog
import LikenessCore
import LikenessIndex

/// The catalogued images that have a current vector of one model, in an index (exact and cosine
/// unless asked otherwise).
public struct EmbeddingSpace: Sendable {
    /// Images in index order: `images[n]` is the vector with id `n`.
    public let images: [CatalogImage]
    public let index: any VectorIndex
    /// The index built: `exact` or an approximate kind (never `auto`, which is resolved by size).
    public let indexUsed: IndexChoice
    /// Whether an approximate index was read from the copy saved next to the catalog.
    public let indexOrigin: IndexOrigin
    /// Catalogued images left out because the file changed or vanished since the last scan.
    public let stale: [ScannedFailure]
    /// Each image's position, by path.
    private let positions: [String: Int]

    /// Loads every current vector of `model` for present images under `roots` (all when nil),
    /// from either catalog store (an approximate index is saved next to a SQLite catalog only),
    /// leaving out files that are no longer as the catalog knows them (see ``stale``).
    /// Throws ``CatalogError``, or ``VectorIndexError`` for a stored vector of the wrong length or not finite.
    /// `metric` is the index's: `.dot` keeps the vectors as stored (cosine normalises them).
    /// `choice` picks the index (``IndexChoice/auto`` by the number of images); an approximate one
    /// throws ``ANNError`` for parameters that do not fit the model's dimension. `watch` reports its
    /// build and can stop it (``VectorIndexError/stopped``). `purpose` is what `auto` weighs.
    public init(catalog: any CatalogStore, model: any EmbeddingModel, under roots: [String]? = nil, metric: VectorMetric = .cosine,
                index choice: IndexChoice = .exact, for purpose: IndexChoice.Purpose = .nearDuplicates, watch: IndexBuildWatch? = nil) throws {
        try self.init(catalog: catalog, stored: model, head: nil, under: roots, metric: metric, index: choice, for: purpose, watch: watch)
    }

    /// The same for an opened model: its base model's stored vectors, mapped by its head when it has
    /// one (``HeadError`` for stored vectors of another width than the head takes).
    public init(catalog: any CatalogStore, opened: OpenedModel, under roots: [String]? = nil, metric: VectorMetric = .cosine,
                index choice: IndexChoice = .exact, for purpose: IndexChoice.Purpose = .nearDuplicates, watch: IndexBuildWatch? = nil) throws {
        try self.init(catalog: catalog, stored: opened.base, head: opened.head, under: roots, metric: metric, index: choice, for: purpose, watch: watch)
    }

    private init(catalog: any CatalogStore, stored model: any EmbeddingModel, head: OpenedHead?, under roots: [String]?, metric: VectorMetric,
                 index choice: IndexChoice, for purpose: IndexChoice.Purpose, watch: IndexBuildWatch?) throws {
        let vectors = try catalog.embeddings(model: model.id, fingerprint: model.fingerprint)
        let (images, stale) = CatalogFreshness.split(try catalog.usableImages(under: roots).filter { vectors[$0.id] != nil })
        self.stale = stale
        let stored = images.map { vectors[$0.id]! }
        let rows = try head.map { head throws(HeadError) in try head.apply(stored) } ?? stored
        let dimension = head?.dimension ?? model.dimension
        let used = choice.resolved(count: rows.count, for: purpose)
        if case .approximate(let kind) = used,
           let file = catalog.filePath,
           let saved = PersistedIndex(catalogPath: file, key: Self.indexKey(model: model, head: head, roots: roots, metric: metric, kind: kind)) {
            let opened = try saved.open(images: images, rows: rows, dimension: dimension, metric: metric, kind: kind, watch: watch)
            self.images = opened.images
            self.positions = Dictionary(opened.images.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
            self.index = opened.index
            self.indexUsed = used
            self.indexOrigin = opened.origin
            return
        }
        let built = try choice.makeIndex(dimension: dimension, metric: metric, holding: rows, for: purpose, watch: watch)
        self.images = images
        self.positions = Dictionary(images.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.index = built.index
        self.indexUsed = built.used
        self.indexOrigin = .built
    }

    /// Everything a saved approximate index depends on, as the text its file is named by.
    static func indexKey(model: any EmbeddingModel, head: OpenedHead?, roots: [String]?, metric: VectorMetric,
                         kind: ApproximateIndexKind) -> String {
        let head = head.map { "\($0.name) \($0.manifest.weights.sha256)" } ?? "none"
        let roots = roots.map { $0.sorted().joined(separator: "\n") } ?? "all"
        return "model \(model.id) \(model.fingerprint)\nhead \(head)\nmetric \(metric.rawValue)\nindex \(kind.text)\nroots \(roots)"
    }

    /// The position of a path in the index, if it is there.
    public func position(of path: String) -> Int? { positions[path] }
}

extension EmbeddingSpace {
    /// The same for a job: embeds what is missing with `model`'s base (a head is applied when the
    /// vectors are read), with progress and cancellation from
    /// `context`, mapping failures to ``JobError``. With `signals`, the new images' confirmation
    /// signals are made from the same decodes (see ``EmbeddingIndexer/fill(under:signals:progress:cancellation:)``).
    public static func filled(catalog: any CatalogStore, model: OpenedModel, under folders: [String]?, signals: Bool = false,
                              metric: VectorMetric = .cosine, index: IndexChoice = .exact, for purpose: IndexChoice.Purpose = .nearDuplicates,
                              context: JobContext) throws(JobError) -> (space: EmbeddingSpace, skipped: [ScannedFailure]) {
        do {
            let roots = folders.map { $0.map(FileWalker.absolute) }
            let embedded = try EmbeddingIndexer(catalog: catalog, model: model.base, input: model.input,
                                                modelWorkers: EmbeddingIndexer.modelParts(threads: model.threads))
                .fill(under: roots, signals: signals, progress: context.progress, cancellation: context.cancellation)
            let watch = IndexBuildWatch(progress: context.progress, cancellation: context.cancellation)
            return (try EmbeddingSpace(catalog: catalog, opened: model, under: roots, metric: metric, index: index, for: purpose, watch: watch),
                    embedded.skipped)
        } catch {
            throw .wrapping(error)
        }
    }
}
