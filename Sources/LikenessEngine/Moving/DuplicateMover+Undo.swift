import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension DuplicateMover {
    /// What an undo found for one journalled move.
    public enum Outcome: String, Sendable, Codable {
        /// Moved back to where it came from.
        case restored
        /// Already where it came from (never moved, or undone before).
        case inPlace = "in-place"
        /// Could not be moved back; see the reason.
        case leftInPlace = "left-in-place"
    }

    /// One journalled move and what undo did about it.
    public struct Reconciled: Sendable, Codable, Equatable {
        public var move: Move
        public var outcome: Outcome
        /// Why it could not be restored, or a note (a verified copy left behind).
        public var reason: String?
    }

    /// The move journals in a folder, oldest first.
    public static func journals(in folder: String) -> [String] { MoveJournal.journals(in: folder) }

    /// Moves back every file the journals at `path` say may have moved: a journal file, an older
    /// `likeness-moves.json` manifest, or a folder (every journal in it, newest first).
    ///
    /// Works from any state a crash leaves: a move that was intended but not recorded as done is
    /// checked on disk. Running it twice is harmless: files already back are reported in place.
    public func undo(_ path: String) throws(MoveError) -> [Reconciled] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .system(path: path, message: "no such journal or folder")
        }
        let journals = isFolder.boolValue ? MoveJournal.journals(in: path) : [path]
        if journals.isEmpty { throw .system(path: path, message: "no likeness-moves journal in this folder") }
        var results: [Reconciled] = []
        for journal in journals.reversed() {
            // The last record of each move tells its state; the latest moves are undone first.
            var latest: [String: MoveRecord] = [:]
            var order: [String] = []
            for record in try MoveJournal.records(at: journal) {
                if latest[record.to] == nil { order.append(record.to) }
                latest[record.to] = record
            }
            for target in order.reversed() {
                guard let record = latest[target], record.event != .failed else { continue }
                results.append(reconcile(Move(from: record.from, to: record.to), finished: record.event == .done))
            }
        }
        return results
    }

    /// Puts one file back if it is in the destination and its old place is free. `finished` says
    /// whether the journal recorded the move as done.
    private func reconcile(_ move: Move, finished: Bool) -> Reconciled {
        // A copy across file systems that a crash cut short, in either direction.
        FileMove.discardPartial(for: move.to, sourceOf: move.from)
        FileMove.discardPartial(for: move.from, sourceOf: move.to)
        let atSource = FileMove.info(move.from) != nil, atTarget = FileMove.info(move.to) != nil
        switch (atSource, atTarget) {
        case (false, true):
            do {
                try FileManager.default.createDirectory(atPath: FileMove.parent(of: move.from), withIntermediateDirectories: true)
            } catch {
                return Reconciled(move: move, outcome: .leftInPlace, reason: "cannot recreate \(FileMove.parent(of: move.from)): \(error.localizedDescription)")
            }
            do throws(MoveError) {
                try FileMove.move(from: move.to, to: move.from)
                return Reconciled(move: move, outcome: .restored)
            } catch {
                return Reconciled(move: move, outcome: .leftInPlace, reason: error.description)
            }
        case (true, false):
            return Reconciled(move: move, outcome: .inPlace)
        case (true, true):
            if FileMove.sameContent(move.from, move.to) {
                // A copy across file systems interrupted after the copy was in place but before the
                // original was removed: the copy is Likeness's own, byte for byte the original.
                if !finished && unlink(move.to) == 0 { return Reconciled(move: move, outcome: .inPlace) }
                return Reconciled(move: move, outcome: .inPlace, reason: "an identical copy also remains at \(move.to)")
            }
            return Reconciled(move: move, outcome: .leftInPlace, reason: "\(move.from) exists again and differs; the moved file stays at \(move.to)")
        case (false, false):
            return Reconciled(move: move, outcome: .leftInPlace, reason: "neither \(move.from) nor \(move.to) exists any more")
        }
    }
}
