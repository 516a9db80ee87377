import Foundation
import LikenessCore

/// Moves the non-keepers of duplicate groups aside, and moves them back. Never deletes, never
/// overwrites, and journals every move before it happens.
///
/// Each run writes its own journal (``MoveJournal``) into the destination: the intended move is
/// flushed to disk before the file moves, and the outcome after. An interruption at any instant
/// (Ctrl-C, `kill -9`, a power cut, a full disk) therefore leaves a journal that names every file
/// that may have moved, and ``undo(_:)`` reconciles it with what is on disk.
public struct DuplicateMover: Sendable {
    /// One move, as recorded.
    public struct Move: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
    }

    /// A file to move, with the size and modification time the catalog knows it by.
    public struct Item: Sendable {
        public var path: String
        public var expected: FileFingerprint?

        public init(path: String, expected: FileFingerprint?) {
            self.path = path
            self.expected = expected
        }
    }

    /// What one run of ``move(_:to:cancellation:)`` did.
    public struct Run: Sendable, Codable {
        /// The journal `likeness undo` reads (the folder works too).
        public var journal: String
        public var moved: [Move]
        /// Files left where they were, with why.
        public var notMoved: [NotMoved]
        /// True when the run stopped early (Ctrl-C, or a full destination).
        public var stopped: Bool
    }

    public struct NotMoved: Sendable, Codable, Equatable {
        public var path: String
        public var reason: String
    }

    public init() {}

    /// Moves every item into `destination` (created if needed), keeping names unique.
    ///
    /// An item whose file no longer matches its fingerprint is left in place and reported. A full
    /// destination stops the run; so does `cancellation`, after the file being moved.
    public func move(_ items: [Item], to destination: String, cancellation: CancellationToken? = nil) throws(MoveError) -> Run {
        let folder = FileWalker.absolute(destination)
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .system(path: folder, message: "cannot create the folder: \(error.localizedDescription)")
        }
        let journal = try MoveJournal.create(in: folder)
        var run = Run(journal: journal.path, moved: [], notMoved: [], stopped: false)
        var taken = Set<String>()
        for item in items {
            if cancellation?.isCancelled == true { run.stopped = true; break }
            if let expected = item.expected {
                guard let info = FileMove.info(item.path), FileWalker.fingerprint(info) == expected else {
                    run.notMoved.append(NotMoved(path: item.path, reason: MoveError.sourceChanged(item.path).description))
                    continue
                }
            }
            let target = uniqueTarget(for: item.path, in: folder, taken: &taken)
            try journal.append(MoveRecord(event: .intend, from: item.path, to: target))
            do {
                try FileMove.move(from: item.path, to: target)
                try journal.append(MoveRecord(event: .done, from: item.path, to: target))
                run.moved.append(Move(from: item.path, to: target))
            } catch {
                try journal.append(MoveRecord(event: .failed, from: item.path, to: target, message: error.description))
                run.notMoved.append(NotMoved(path: item.path, reason: error.description))
                if error.stopsTheRun { run.stopped = true; break }
            }
        }
        return run
    }

    /// A name in `folder` that neither exists nor was handed out in this run.
    private func uniqueTarget(for path: String, in folder: String, taken: inout Set<String>) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        var target = folder + "/" + name
        var counter = 1
        while taken.contains(target) || FileMove.info(target) != nil || target.hasPrefix(folder + "/" + MoveJournal.prefix) {
            target = folder + "/" + "\(stem)-\(counter)" + (ext.isEmpty ? "" : ".\(ext)")
            counter += 1
        }
        taken.insert(target)
        return target
    }
}
