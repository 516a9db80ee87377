import Foundation
import LikenessEngine

/// Writing to stdout and stderr from the shell.
enum Output {
    /// Prints a value as pretty, key-sorted JSON on stdout.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Writes one line to stderr; control characters in it (from file names) are escaped.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data((DisplayPath.line(line) + "\n").utf8))
    }

    /// Prints one line of plain text on stdout; control characters in it (a newline in a file
    /// name) are escaped, so one record is always one line.
    static func line(_ text: String) {
        print(DisplayPath.line(text))
    }

    /// Writes one line to stderr starting with "warning: ".
    static func warning(_ line: String) {
        note("warning: " + line)
    }
}
