import Foundation

/// File names as Likeness shows them, and back.
///
/// A name that is not valid UTF-8 is shown with each offending byte written `\xNN` (the form the
/// scanner stores); ``rawBytes(_:)`` turns such a display path back into the bytes to open.
public enum DisplayPath {
    /// The path with each byte that is not part of valid UTF-8 written as `\xNN`.
    public static func of(_ raw: [UInt8]) -> String {
        if let valid = String(validating: raw, as: UTF8.self) { return valid }
        var out = ""
        var index = 0
        while index < raw.count {
            // Find the longest valid UTF-8 run starting here.
            var end = index
            var decoded = false
            for length in (1...4).reversed() where index + length <= raw.count {
                if let piece = String(validating: raw[index..<(index + length)], as: UTF8.self), piece.unicodeScalars.count == 1 {
                    out += piece
                    end = index + length
                    decoded = true
                    break
                }
            }
            if decoded { index = end } else {
                out += String(format: "\\x%02X", raw[index])
                index += 1
            }
        }
        return out
    }

    /// The bytes a display path stands for: `\xNN` escapes become bytes when the result is not
    /// valid UTF-8 (the only case the escapes are written); otherwise the text's own UTF-8.
    public static func rawBytes(_ path: String) -> [UInt8] {
        let text = Array(path.utf8)
        guard path.contains("\\x") else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == 0x5c, text[safe: index + 1] == 0x78,
               let high = hexValue(text[safe: index + 2]), let low = hexValue(text[safe: index + 3]) {
                bytes.append(high << 4 | low)
                index += 4
            } else {
                bytes.append(text[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self) == nil ? bytes : text
    }

    /// The path for a line of plain text: control characters (a newline, a tab, an escape) are
    /// written `\n`, `\t`, `\xNN`, so one name is one line.
    public static func line(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar.value {
            case 0x0a: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0d: out += "\\r"
            case 0..<0x20, 0x7f: out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8?) -> UInt8? {
        guard let byte else { return nil }
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}

private extension Array where Element == UInt8 {
    subscript(safe index: Int) -> UInt8? { indices.contains(index) ? self[index] : nil }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
