/// How a text file holds its strings: `lines` (one per line), `fasta` (records of `>id` headers and
/// sequence lines), or `csv:COLUMN` (one column of a CSV file with a header row; COLUMN is the
/// header name or its 1-based number).
public enum TextFormat: Sendable, Equatable, Codable, CustomStringConvertible {
    case lines
    case fasta
    case csv(column: String)

    /// Parses `lines`, `fasta` or `csv:COLUMN`; anything else is ``JobError/invalidInput(_:)``.
    public init(parsing text: String) throws(JobError) {
        switch text.lowercased() {
        case "lines": self = .lines
        case "fasta": self = .fasta
        default:
            guard text.lowercased().hasPrefix("csv:"), text.count > 4 else {
                throw .invalidInput("unknown text format '\(text)'; valid: lines, fasta, csv:COLUMN (a header name or 1-based number)")
            }
            self = .csv(column: String(text.dropFirst(4)))
        }
    }

    public var description: String {
        switch self {
        case .lines: "lines"
        case .fasta: "fasta"
        case .csv(let column): "csv:\(column)"
        }
    }
}
