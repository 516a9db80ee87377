import Foundation
import LikenessCatalog
import LikenessCore

/// `decisions`: records, forgets and lists a person's "not duplicates" decisions.
///
/// Every pair among the files given is recorded (two files: that pair; a whole group: "keep all").
/// The files are scanned first, because a decision is stored by content (SHA-256): it survives a
/// re-scan, a move or a rename, and `dupes` never proposes the pair again.
public struct DecisionsJob: Job {
    public enum Action: Sendable, Equatable {
        /// Every pair among these files is not a duplicate: keep them all.
        case keepAll([String])
        /// Forget the decisions about every pair among these files.
        case forget([String])
        /// List what is stored.
        case list
    }

    public var action: Action

    public init(_ action: Action) { self.action = action }

    public struct Result: Codable, Sendable {
        /// Pairs recorded or forgotten by this run (0 for a listing).
        public var changed: Int
        /// Every stored decision after the run, oldest first.
        public var decisions: [PairDecision]
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        switch action {
        case .list:
            let catalog = try context.openStore(for: .reading)
            do { return Result(changed: 0, decisions: try catalog.decisions()) } catch { throw .catalog(error) }
        case .keepAll(let paths), .forget(let paths):
            let catalog = try context.openStore(for: .writing)
            let images = try scanned(paths, catalog: catalog, context: context)
            var pairs: [(CatalogImage, CatalogImage)] = []
            for i in images.indices { for j in images.indices where j > i { pairs.append((images[i], images[j])) } }
            do {
                var changed = pairs.count
                if case .keepAll = action {
                    try catalog.recordDistinct(pairs)
                } else {
                    changed = try catalog.forgetDistinct(pairs.map { DistinctPairs.Pair($0.0.contentHash!, $0.1.contentHash!) })
                }
                return Result(changed: changed, decisions: try catalog.decisions())
            } catch {
                throw .catalog(error)
            }
        }
    }

    /// The catalogued images of `paths`, scanned now; refuses fewer than two distinct files or any
    /// file that cannot be read (a decision about an unreadable file could not be kept by content).
    private func scanned(_ paths: [String], catalog: any CatalogStore, context: JobContext) throws(JobError) -> [CatalogImage] {
        let absolute = Array(Set(paths.map(FileWalker.absolute))).sorted()
        guard absolute.count >= 2 else { throw .invalidInput("name at least two different files: a decision is about a pair") }
        try InputPaths.requireExisting(absolute)
        let directories = absolute.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        guard directories.isEmpty else {
            throw .invalidInput("name files, not folders: \(directories.joined(separator: ", "))")
        }
        _ = try context.scanFirst(absolute, into: catalog)
        do {
            return try absolute.map { path throws -> CatalogImage in
                guard let image = try catalog.image(at: path), image.contentHash != nil, !image.isGone else {
                    throw JobError.file(path: path, message: "cannot be read, so no decision about it can be kept")
                }
                return image
            }
        } catch {
            throw .wrapping(error)
        }
    }
}
