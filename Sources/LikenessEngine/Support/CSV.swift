import Foundation

/// The little CSV Likeness reads and writes: comma-separated, double quotes around fields that
/// hold commas, quotes or line breaks (RFC 4180 without multi-line fields).
public enum CSV {
    /// Lines split on commas, with double-quoted fields (so paths may hold commas), fields trimmed.
    public static func rows(_ text: String) -> [[String]] {
        text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map { line in
            var fields: [String] = [], field = "", quoted = false
            let characters = Array(line)
            var index = 0
            while index < characters.count {
                let c = characters[index]
                index += 1
                if quoted {
                    if c != "\"" {
                        field.append(c)
                    } else if index < characters.count && characters[index] == "\"" {
                        field.append("\"") // "" inside quotes is a literal quote
                        index += 1
                    } else {
                        quoted = false
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    fields.append(field.trimmingCharacters(in: .whitespaces))
                    field = ""
                } else {
                    field.append(c)
                }
            }
            fields.append(field.trimmingCharacters(in: .whitespaces))
            return fields
        }
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension CSV {
    /// One line of fields, each quoted as needed.
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }
}
