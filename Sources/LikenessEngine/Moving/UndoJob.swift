/// `undo`: moves files back as a `dupes --move-to` manifest records.
public struct UndoJob: Job {
    /// The `likeness-moves.json` manifest.
    public var manifest: String

    public init(manifest: String) { self.manifest = manifest }

    public struct Result: Codable, Sendable {
        /// A move that could not be reversed, and why.
        public struct LeftInPlace: Codable, Sendable {
            public var move: DuplicateMover.Move
            public var reason: String
        }
        public var restored: [DuplicateMover.Move]
        public var leftInPlace: [LeftInPlace]
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        do {
            let (restored, skipped) = try DuplicateMover().undo(manifestAt: manifest)
            return Result(restored: restored, leftInPlace: skipped.map { .init(move: $0.0, reason: $0.1) })
        } catch {
            throw .file(path: manifest, message: "cannot undo: \(error.localizedDescription)")
        }
    }
}
