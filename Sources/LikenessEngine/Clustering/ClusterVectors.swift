import LikenessCatalog
import LikenessCore
import LikenessNumerics

/// The vectors a clustering or a map works on: one unit-length row per usable image, as the rows
/// of one matrix (so Euclidean distance between rows is √(2 − 2·cosine)), made by a ``ClusterMethod``.
struct ClusterVectors {
    let images: [CatalogImage]
    let points: Matrix
    /// Images the method could not read, and catalogued files that changed since the scan.
    let skipped: [ScannedFailure]
    let stale: [ScannedFailure]
    /// The method, with the id of the model as opened for a model method.
    let method: ClusterMethod
    /// The scan that ran first, when folders were given.
    let scan: ScanCount?

    /// Scans the folders (when given), fills what is missing (embeddings or hashes; pixels are
    /// computed from the files) and loads every current vector under them.
    static func load(folders: [String], method: ClusterMethod, threads: Int, context: JobContext) throws(JobError) -> ClusterVectors {
        try InputPaths.requireExisting(folders)
        let catalog = try context.openStore(for: .readingAndFilling)
        // A model's embedding pass and hashing decode every new image and record those that fail;
        // the pixels method stores nothing, so its scan keeps its own check.
        let check: PixelCheck = if case .pixels = method { .standard } else { .deferred }
        let scan = try context.scanFirst(folders, into: catalog, pixels: check).map(ScanCount.init)
        let roots = folders.isEmpty ? nil : folders.map(FileWalker.absolute)
        let rows: Rows
        switch method {
        case .model(let id): rows = try embeddings(id, threads: threads, catalog: catalog, under: roots, context: context)
        case .pixels: rows = try pixels(catalog: catalog, under: roots, context: context)
        case .hash(let hash): rows = try hashes(hash, catalog: catalog, under: roots, context: context)
        }
        guard let dimension = rows.vectors.first?.count else {
            throw .invalidInput(folders.isEmpty ? "the catalog holds no usable images; scan a folder first"
                                                : "no usable images under \(folders.joined(separator: ", "))")
        }
        var values = [Float]()
        values.reserveCapacity(rows.vectors.count * dimension)
        for vector in rows.vectors { values += vector }
        return ClusterVectors(images: rows.images, points: Matrix(rows: rows.images.count, columns: dimension, values: values),
                              skipped: rows.skipped, stale: rows.stale, method: rows.method, scan: scan)
    }

    /// What one method produced: images in order with their unit vectors, and what it left out.
    struct Rows {
        var images: [CatalogImage]
        var vectors: [[Float]]
        var skipped: [ScannedFailure]
        var stale: [ScannedFailure]
        var method: ClusterMethod
    }

    /// The model's stored embeddings (embedding what is missing first); the index keeps them at unit length.
    private static func embeddings(_ id: String, threads: Int, catalog: any CatalogStore, under roots: [String]?, context: JobContext) throws(JobError) -> Rows {
        let opened = try context.models.open(id, threads: threads)
        let (space, skipped) = try EmbeddingSpace.filled(catalog: catalog, model: opened, under: roots, context: context)
        return Rows(images: space.images, vectors: (0..<space.images.count).map { space.index.vector(at: $0) }, skipped: skipped,
                    stale: space.stale, method: .model(opened.id))
    }
}
