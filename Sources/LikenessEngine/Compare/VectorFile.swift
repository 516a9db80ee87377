import Foundation

/// Vectors written as text, one per line: numbers separated by commas, spaces or tabs. Blank
/// lines and lines starting with `#` are skipped; every other line is one vector (its line
/// number is kept for messages). Rows may differ in length: the metric decides whether that is
/// an error.
public struct VectorFile: Sendable {
    /// One vector and the 1-based line it was read from.
    public struct Row: Sendable {
        public var line: Int
        public var values: [Float]
    }

    public let path: String
    public let rows: [Row]

    /// Reads `path`; a line with something that is not a number is an error naming the line.
    public init(path: String) throws(JobError) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .file(path: path, message: "cannot read: \(error.localizedDescription)")
        }
        try self.init(path: path, text: text)
    }

    /// Parses `text` as if read from `path`.
    public init(path: String, text: String) throws(JobError) {
        var rows: [Row] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if content.isEmpty || content.hasPrefix("#") { continue }
            var values: [Float] = []
            for field in content.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
                guard let value = Float(field) else {
                    throw .file(path: path, message: "line \(index + 1): '\(field)' is not a number")
                }
                values.append(value)
            }
            rows.append(Row(line: index + 1, values: values))
        }
        self.path = path
        self.rows = rows
    }

    /// The rows as one row-major matrix of `Double`, for a ground distance: every row must have
    /// the same length.
    public func matrix() throws(JobError) -> (rows: Int, columns: Int, values: [Double]) {
        guard let width = rows.first?.values.count, width > 0 else { throw .file(path: path, message: "no numbers") }
        if let ragged = rows.first(where: { $0.values.count != width }) {
            throw .file(path: path, message: "line \(ragged.line) has \(ragged.values.count) numbers, the first row \(width)")
        }
        return (rows.count, width, rows.flatMap { $0.values.map(Double.init) })
    }
}
