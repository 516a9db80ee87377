import LikenessCatalog
import LikenessCore
import LikenessNumerics

/// The vectors a clustering or a map works on: each usable image's embedding, unit length, as
/// the rows of one matrix (so Euclidean distance between rows is √(2 − 2·cosine)).
struct ClusterVectors {
    let images: [CatalogImage]
    let points: Matrix
    /// Images the model could not read, and catalogued files that changed since the scan.
    let skipped: [ScannedFailure]
    let stale: [ScannedFailure]
    let model: String
    /// The scan that ran first, when folders were given.
    let scan: ScanCount?

    /// Scans the folders (when given), embeds what is missing and loads every current vector under them.
    static func load(folders: [String], model: String, threads: Int, context: JobContext) throws(JobError) -> ClusterVectors {
        try InputPaths.requireExisting(folders)
        let catalog = try context.openCatalog(for: .readingAndFilling)
        let scan = try context.scanFirst(folders, into: catalog)
        let opened = try context.models.open(model, threads: threads)
        let (space, skipped) = try EmbeddingSpace.filled(catalog: catalog, model: opened, under: folders.isEmpty ? nil : folders, context: context)
        guard space.images.count > 0 else {
            throw .invalidInput(folders.isEmpty ? "the catalog holds no usable images; scan a folder first"
                                                : "no usable images under \(folders.joined(separator: ", "))")
        }
        var values = [Float]()
        values.reserveCapacity(space.images.count * space.index.dimension)
        for id in 0..<space.images.count { values += space.index.vector(at: id) }
        return ClusterVectors(images: space.images, points: Matrix(rows: space.images.count, columns: space.index.dimension, values: values),
                              skipped: skipped, stale: space.stale, model: opened.model.id, scan: scan.map(ScanCount.init))
    }
}
