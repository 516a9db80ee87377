import Foundation
import LikenessEngine
import Synchronization

/// The pairs a person labels for calibration, and their labels, kept in the CSV the CLI reads.
///
/// Pairs come from the latest finished sample job (``SamplePairsJob``); every label is written at
/// once to `file` as `path_a,path_b,label,similarity` (the format of `likeness calibrate sample
/// --csv`, read by `likeness calibrate --pairs`), so nothing is lost when the server stops, and a
/// server started later picks the file up again. A skipped pair is written without a label.
public final class LabelStore: Sendable {
    /// A person's answer for one pair.
    public enum Label: String, Codable, Sendable {
        case same, different, skip
    }

    /// Two catalogued images and their cosine (shown only on request: labelling is blind).
    public struct Pair: Codable, Sendable, Equatable {
        public var a: String
        public var b: String
        public var similarity: Float
    }

    struct Entry: Sendable {
        var pair: Pair
        var label: Label?
    }

    /// Where the labels live.
    public let file: String
    private let entries = Mutex<[Entry]>([])

    public init(file: String) {
        self.file = file
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            let rows = CSV.rows(text).dropFirst().filter { $0.count >= 4 }
            entries.withLock { entries in
                entries = rows.map { row in
                    Entry(pair: Pair(a: row[0], b: row[1], similarity: Float(row[3]) ?? 0),
                          label: LabelledPairs.label(row[2]).map { $0 ? .same : .different })
                }
            }
        }
    }

    /// Replaces the pairs with those of a new sample (labels start empty) and writes the file.
    public func install(_ pairs: [StratifiedPairSampler.Pair]) throws(APIError) {
        let snapshot = entries.withLock { entries in
            entries = pairs.map { Entry(pair: Pair(a: $0.a, b: $0.b, similarity: $0.similarity), label: nil) }
            return entries
        }
        try write(snapshot)
    }

    /// Sets (or, with nil, clears) the label of pair `index` and writes the file.
    public func label(_ index: Int, as label: Label?) throws(APIError) {
        let snapshot: [Entry]? = entries.withLock { entries in
            guard entries.indices.contains(index) else { return nil }
            entries[index].label = label
            return entries
        }
        guard let snapshot else { throw APIError(.notFound, .notFound, "no pair \(index)") }
        try write(snapshot)
    }

    /// Every pair with its label.
    var all: [Entry] { entries.withLock { $0 } }

    /// How many pairs carry each answer.
    public struct Counts: Codable, Sendable, Equatable {
        public var pairs: Int
        public var same: Int
        public var different: Int
        public var skipped: Int
        /// True once both kinds reach the engine's minimum for a calibration (20 each).
        public var enough: Bool
    }

    public var counts: Counts {
        let all = self.all
        let same = all.filter { $0.label == .same }.count, different = all.filter { $0.label == .different }.count
        return Counts(pairs: all.count, same: same, different: different, skipped: all.filter { $0.label == .skip }.count,
                      enough: same >= Self.minimumPerKind && different >= Self.minimumPerKind)
    }

    /// Where the calibration made from the labels is saved: `calibration.json` beside the labels,
    /// the file `dupes`, `leakage` and `novelty` read with `--calibration`.
    public static func calibrationFile(beside labels: String) -> String {
        ((labels as NSString).deletingLastPathComponent as NSString).appendingPathComponent("calibration.json")
    }

    /// Pairs of each kind `calibrate` needs without `--allow-small`.
    public static let minimumPerKind = 20

    private func write(_ entries: [Entry]) throws(APIError) {
        var lines = ["path_a,path_b,label,similarity"]
        for entry in entries {
            let label = entry.label == .same ? "same" : entry.label == .different ? "different" : ""
            lines.append(CSV.line([entry.pair.a, entry.pair.b, label, String(format: "%.4f", entry.pair.similarity)]))
        }
        do { try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8) } catch {
            throw APIError(.internalServerError, .file, "cannot write the labels to \(file): \(error.localizedDescription)")
        }
    }
}
