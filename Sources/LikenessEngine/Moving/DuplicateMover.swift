import Foundation

/// Moves the non-keepers of duplicate groups aside, and moves them back. Never deletes.
public struct DuplicateMover: Sendable {
    /// One move, as recorded in the manifest.
    public struct Move: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
    }

    /// The manifest written next to the moved files.
    public struct Manifest: Sendable, Codable {
        public var created: Date
        public var moves: [Move]
    }

    public init() {}

    /// Moves every `paths` entry into `destination` (created if needed), keeping names unique, and
    /// writes `destination/likeness-moves.json`. Returns the manifest path and the moves made.
    public func move(_ paths: [String], to destination: String) throws -> (manifest: String, moves: [Move]) {
        let manager = FileManager.default
        try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
        var moves: [Move] = []
        for path in paths {
            let name = (path as NSString).lastPathComponent
            var target = (destination as NSString).appendingPathComponent(name)
            var counter = 1
            while manager.fileExists(atPath: target) {
                let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
                target = (destination as NSString).appendingPathComponent("\(stem)-\(counter)" + (ext.isEmpty ? "" : ".\(ext)"))
                counter += 1
            }
            try manager.moveItem(atPath: path, toPath: target)
            moves.append(Move(from: path, to: target))
            // Record after every move so an interruption still leaves a usable manifest.
            try write(Manifest(created: Date(), moves: moves), into: destination)
        }
        return ((destination as NSString).appendingPathComponent("likeness-moves.json"), moves)
    }

    /// Moves every file of a manifest back where it came from. A file whose original place is
    /// taken again is left where it is and reported.
    public func undo(manifestAt path: String) throws -> (restored: [Move], skipped: [(Move, String)]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let manifest = try decoder.decode(Manifest.self, from: data)
        var restored: [Move] = [], skipped: [(Move, String)] = []
        for move in manifest.moves {
            if FileManager.default.fileExists(atPath: move.from) {
                skipped.append((move, "\(move.from) exists again"))
                continue
            }
            guard FileManager.default.fileExists(atPath: move.to) else {
                skipped.append((move, "\(move.to) is no longer there"))
                continue
            }
            try FileManager.default.createDirectory(atPath: (move.from as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: move.to, toPath: move.from)
            restored.append(move)
        }
        return (restored, skipped)
    }

    private func write(_ manifest: Manifest, into destination: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: (destination as NSString).appendingPathComponent("likeness-moves.json")), options: .atomic)
    }
}
