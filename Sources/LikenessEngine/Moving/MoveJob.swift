import LikenessCatalog
import LikenessCore

/// Moves chosen catalogued files aside, journalled like `dupes --move-to` and undone by ``UndoJob``.
///
/// The server's review page decides file by file which copies go; this job moves exactly those.
/// Each file must be catalogued, present and unchanged since the last scan (its size and
/// modification time are checked again just before it moves); anything else is left in place
/// with its reason. The destination may not lie inside `roots` nor hold catalogued images, so a
/// later scan never finds the moved copies.
public struct MoveJob: Job {
    /// Absolute paths of the files to move.
    public var paths: [String]
    /// The folder they go to (created if needed).
    public var destination: String
    /// Folders the destination must stay out of.
    public var roots: [String]

    public init(paths: [String], destination: String, roots: [String]) {
        self.paths = paths
        self.destination = destination
        self.roots = roots
    }

    public func run(in context: JobContext) throws(JobError) -> DuplicateMover.Run {
        guard !paths.isEmpty else { throw .invalidInput("nothing to move") }
        let catalog = try context.openStore(for: .reading)
        try DupesJob.checkDestination(destination, roots: roots, catalog: catalog)
        try DupesJob.checkDestination(destination, roots: [], catalog: catalog)
        var items: [DuplicateMover.Item] = []
        var refused: [DuplicateMover.NotMoved] = []
        for path in paths {
            let image: CatalogImage?
            do { image = try catalog.image(at: path) } catch { throw .catalog(error) }
            guard let image, !image.isGone, image.failure == nil, let fingerprint = image.fingerprint else {
                refused.append(.init(path: path, reason: "\(path): not a catalogued image; run a scan first"))
                continue
            }
            items.append(DuplicateMover.Item(path: path, expected: fingerprint))
        }
        var run: DuplicateMover.Run
        do { run = try DuplicateMover().move(items, to: destination, cancellation: context.cancellation) } catch {
            throw .file(path: destination, message: error.description)
        }
        run.notMoved = refused + run.notMoved
        return run
    }
}
