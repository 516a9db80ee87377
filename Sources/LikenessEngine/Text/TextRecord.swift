/// One string read from a text file, known by where it was.
public struct TextRecord: Codable, Sendable, Equatable {
    /// 1-based line number: the line itself, a FASTA record's header line, a CSV row's line.
    public var line: Int
    /// The FASTA record id (the header's first word); nil for other formats.
    public var id: String?
    /// The string compared: the line, the joined sequence lines, the CSV field.
    public var text: String

    public init(line: Int, id: String? = nil, text: String) {
        self.line = line
        self.id = id
        self.text = text
    }
}

/// A line that could not be read as text (invalid UTF-8, a CSV row without the column); it is
/// skipped and reported, and the job goes on.
public struct TextLineFailure: Codable, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
