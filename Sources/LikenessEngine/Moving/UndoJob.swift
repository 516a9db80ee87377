/// `undo`: moves files back as the journals of `dupes --move-to` record, after any interruption.
public struct UndoJob: Job {
    /// A journal, an older `likeness-moves.json` manifest, or the folder the files were moved into.
    public var path: String

    public init(path: String) { self.path = path }

    public struct Result: Codable, Sendable {
        /// Every journalled move and what became of it, latest first.
        public var moves: [DuplicateMover.Reconciled]

        public var restored: Int { moves.filter { $0.outcome == .restored }.count }
        public var inPlace: Int { moves.filter { $0.outcome == .inPlace }.count }
        /// Moves that could not be undone: non-zero means the user has work to do.
        public var leftInPlace: [DuplicateMover.Reconciled] { moves.filter { $0.outcome == .leftInPlace } }
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        do { return Result(moves: try DuplicateMover().undo(path)) } catch {
            throw .file(path: path, message: "cannot undo: \(error.description)")
        }
    }
}
