import Foundation

/// A kind of work that workers take from the shared catalog's queue.
public enum WorkKind: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Compute a perceptual hash of an image (what `dupes --method` compares) and store it.
    case hash
    /// Compute a model's vector for an image and store it.
    case embed
    /// Read a listed file under a folder (SHA-256, size, test decode) and catalogue it, as
    /// `likeness scan` does; its items are paths (``PostgresScanQueue``), not images. Listed last so
    /// older messages keep their order; a worker always scans before it hashes or embeds.
    case scan

    public var description: String { rawValue }

    /// Parses a comma-separated list such as `hash,embed`; an unknown name is an error that lists the
    /// valid ones.
    public static func parseList(_ text: String) throws(WorkKindError) -> [WorkKind] {
        var kinds: [WorkKind] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let kind = WorkKind(rawValue: name.lowercased()) else { throw WorkKindError(name: name) }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        guard !kinds.isEmpty else { throw WorkKindError(name: text) }
        return kinds
    }
}

/// A `--jobs` value that names no known kind of work.
public struct WorkKindError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var description: String {
        "unknown kind of work \"\(name)\"; valid: \(WorkKind.allCases.map(\.rawValue).joined(separator: ", "))"
            + " (scan takes --root DIR: `likeness worker --jobs scan,embed --root DIR --catalog postgres://…`)"
    }
}
