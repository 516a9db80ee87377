import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One line of a move journal.
public struct MoveRecord: Codable, Sendable, Equatable {
    public enum Event: String, Codable, Sendable {
        /// Written and flushed before the file moves.
        case intend
        /// The file is at `to` and verified.
        case done
        /// The move failed; the file stayed at `from`.
        case failed
    }

    public var event: Event
    public var from: String
    public var to: String
    /// Why it failed.
    public var message: String?
}

/// An append-only journal of moves: `likeness-moves-<time>-<pid>.jsonl`, one JSON record per line,
/// each flushed to disk before the next step. A new journal is created for every run and never
/// overwritten, so an interrupted run and a repeated one each keep their own record.
final class MoveJournal {
    /// The journal file.
    let path: String
    private let descriptor: Int32

    /// Journals in a folder are named with this prefix (the single manifest of older versions,
    /// `likeness-moves.json`, has it too).
    static let prefix = "likeness-moves"

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Creates a new journal in `folder` (never reusing a name).
    static func create(in folder: String, now: Date = Date()) throws(MoveError) -> MoveJournal {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stem = "\(folder)/\(prefix)-\(formatter.string(from: now))-\(getpid())"
        for attempt in 0..<1000 {
            let candidate = stem + (attempt == 0 ? "" : "-\(attempt)") + ".jsonl"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                FileMove.syncFolder(of: candidate)
                return MoveJournal(path: candidate, descriptor: descriptor)
            }
            if errno != EEXIST { throw .system(path: candidate, message: String(cString: strerror(errno))) }
        }
        throw .targetExists(stem + ".jsonl")
    }

    /// Appends one record and flushes it to disk.
    func append(_ record: MoveRecord) throws(MoveError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(record) else { throw .system(path: path, message: "cannot encode a journal record") }
        let line = Array(data) + [0x0a]
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw errno == ENOSPC ? .noSpace(folder: FileMove.parent(of: path)) : .system(path: path, message: String(cString: strerror(errno)))
        }
        guard fsync(descriptor) == 0 else { throw .system(path: path, message: String(cString: strerror(errno))) }
    }

    /// The records of a journal. A torn last line (a crash mid-write) is ignored; the single-JSON
    /// manifest of older versions reads as moves that were done.
    static func records(at path: String) throws(MoveError) -> [MoveRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .system(path: path, message: "cannot read the journal")
        }
        if path.hasSuffix(".json") {
            struct Legacy: Decodable { struct Move: Decodable { var from: String; var to: String }; var moves: [Move] }
            guard let legacy = try? JSONDecoder().decode(Legacy.self, from: data) else {
                throw .system(path: path, message: "not a Likeness move manifest")
            }
            return legacy.moves.flatMap { [MoveRecord(event: .intend, from: $0.from, to: $0.to), MoveRecord(event: .done, from: $0.from, to: $0.to)] }
        }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0a).compactMap { try? decoder.decode(MoveRecord.self, from: Data($0)) }
    }

    /// The journals in `folder`, oldest first (names sort by time).
    static func journals(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(prefix) && ($0.hasSuffix(".jsonl") || $0.hasSuffix(".json")) }
            .sorted { ($0.hasSuffix(".json") ? 0 : 1, $0) < ($1.hasSuffix(".json") ? 0 : 1, $1) }
            .map { folder + "/" + $0 }
    }
}
