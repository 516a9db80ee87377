import Foundation
import LikenessEngine

/// How the `text` commands show records and skipped lines.
enum TextRendering {
    /// "line 12" or "line 12 (seq7)" for a FASTA record.
    static func place(_ record: TextRecord) -> String {
        record.id.map { "line \(record.line) (\($0))" } ?? "line \(record.line)"
    }

    /// The text, cut to 80 characters for a listing.
    static func excerpt(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }

    /// A distance or similarity as CSV prints it: integers without decimals.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.6f", value)
    }

    /// One warning per skipped line on stderr (the first 20, then a count).
    static func warnSkipped(_ skipped: [TextLineFailure]) {
        for failure in skipped.prefix(20) { Output.warning("skipped \(failure)") }
        if skipped.count > 20 { Output.warning("skipped \(skipped.count - 20) more lines") }
    }
}
