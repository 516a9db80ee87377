import Foundation
import LikenessCatalog
import LikenessCore
import LikenessIndex

/// The catalogued images that have a current vector of one model, in an exact cosine index.
public struct EmbeddingSpace: Sendable {
    /// Images in index order: `images[n]` is the vector with id `n`.
    public let images: [CatalogImage]
    public let index: any VectorIndex

    /// Loads every current vector of `model` for present images under `roots` (all when nil).
    /// Throws ``CatalogError``, or ``VectorIndexError`` for a stored vector of the wrong length or not finite.
    public init(catalog: Catalog, model: any EmbeddingModel, under roots: [String]? = nil) throws {
        let vectors = try catalog.embeddings(model: model.id, fingerprint: model.fingerprint)
        let images = try catalog.usableImages(under: roots).filter { vectors[$0.id] != nil }
        var index = ExactVectorIndex(dimension: model.dimension, metric: .cosine)
        try index.add(images.map { vectors[$0.id]! })
        self.images = images
        self.index = index
    }

    /// The position of a path in the index, if it is there.
    public func position(of path: String) -> Int? { images.firstIndex { $0.path == path } }
}

extension EmbeddingSpace {
    /// Embeds whatever the catalog lacks under `folders` (all images when nil), then loads the
    /// space: the first step of every embedding job. Returns the images that could not be embedded.
    public static func filled(catalog: Catalog, model: any EmbeddingModel, input: EmbeddingInput, under folders: [String]?,
                              progress: any ProgressReporter = SilentProgress()) throws -> (space: EmbeddingSpace, skipped: [ScannedFailure]) {
        let roots = folders.map { $0.map { URL(fileURLWithPath: $0).standardizedFileURL.path } }
        let embedded = try EmbeddingIndexer(catalog: catalog, model: model, input: input).fill(under: roots, progress: progress)
        return (try EmbeddingSpace(catalog: catalog, model: model, under: roots), embedded.skipped)
    }
}

extension EmbeddingSpace {
    /// The same for a job: embeds what is missing with `model`'s progress and cancellation from
    /// `context`, mapping failures to ``JobError``.
    public static func filled(catalog: Catalog, model: OpenedModel, under folders: [String]?,
                              context: JobContext) throws(JobError) -> (space: EmbeddingSpace, skipped: [ScannedFailure]) {
        do {
            let roots = folders.map { $0.map(FileWalker.absolute) }
            let embedded = try EmbeddingIndexer(catalog: catalog, model: model.model, input: model.input)
                .fill(under: roots, progress: context.progress, cancellation: context.cancellation)
            return (try EmbeddingSpace(catalog: catalog, model: model.model, under: roots), embedded.skipped)
        } catch {
            throw .wrapping(error)
        }
    }
}
