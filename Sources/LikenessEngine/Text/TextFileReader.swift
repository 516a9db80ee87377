import Foundation
import LikenessCore

/// Reads the strings of a text file in one ``TextFormat``: each line is decoded as UTF-8 on its
/// own, so a line that is not valid UTF-8 is reported with its number and skipped while the rest
/// are read. Blank lines hold no string. A trailing `\r` (CRLF files) is dropped.
public struct TextFileReader: Sendable {
    public var format: TextFormat

    public init(format: TextFormat) { self.format = format }

    /// What a file held: the strings, and the lines skipped with why.
    public struct Contents: Sendable {
        public var records: [TextRecord]
        public var skipped: [TextLineFailure]
    }

    /// Reads `path`; an unreadable file or an unknown CSV column is a ``JobError``; a file with no
    /// strings at all is refused (``JobError/invalidInput(_:)``) rather than giving an empty result.
    public func read(_ path: String) throws(JobError) -> Contents {
        try InputPaths.requireExisting([path])
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .file(path: path, message: "cannot read: \((error as NSError).localizedDescription)")
        }
        let contents = try parse(Array(data))
        guard !contents.records.isEmpty else {
            let why = contents.skipped.isEmpty ? "" : " (\(contents.skipped.count) lines skipped: \(contents.skipped[0]))"
            throw .invalidInput("\(path) holds no strings to compare as \(format)\(why)")
        }
        return contents
    }

    /// Parses a file's bytes.
    public func parse(_ bytes: [UInt8]) throws(JobError) -> Contents {
        var lines: [(number: Int, text: String)] = []
        var skipped: [TextLineFailure] = []
        var number = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var slice = raw[...]
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            guard let text = String(validating: slice, as: UTF8.self) else {
                skipped.append(TextLineFailure(line: number, message: "not valid UTF-8"))
                continue
            }
            lines.append((number, text))
        }
        switch format {
        case .lines:
            let records = lines.filter { !$0.text.isEmpty }.map { TextRecord(line: $0.number, text: $0.text) }
            return Contents(records: records, skipped: skipped)
        case .fasta:
            return fasta(lines, skipped: skipped)
        case .csv(let column):
            return try csv(lines, column: column, skipped: skipped)
        }
    }

    /// FASTA: a record starts at a `>` header; its id is the header's first word; its sequence
    /// lines are joined with whitespace removed. A record with an unreadable line is skipped whole.
    private func fasta(_ lines: [(number: Int, text: String)], skipped: [TextLineFailure]) -> Contents {
        var records: [TextRecord] = []
        var skipped = skipped
        // Unreadable lines, ascending; `nextBad` walks them as the readable lines go by.
        let bad = skipped.map(\.line).sorted()
        var nextBad = 0
        var current: (line: Int, id: String, sequence: String, broken: Bool)?
        func finish() {
            guard let record = current else { return }
            if record.broken {
                skipped.append(TextLineFailure(line: record.line, message: "FASTA record \(record.id) skipped: it holds a line that is not valid UTF-8"))
            } else if record.sequence.isEmpty {
                skipped.append(TextLineFailure(line: record.line, message: "FASTA record \(record.id) has no sequence"))
            } else {
                records.append(TextRecord(line: record.line, id: record.id, text: record.sequence))
            }
        }
        for (number, text) in lines {
            // A bad line between this and the previous readable one belongs to the current record.
            var sawBad = false
            while nextBad < bad.count && bad[nextBad] < number {
                sawBad = true
                nextBad += 1
            }
            if sawBad && current != nil { current?.broken = true }
            if text.hasPrefix(">") {
                finish()
                let id = text.dropFirst().split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                current = (number, id.isEmpty ? "line\(number)" : id, "", false)
            } else if current != nil {
                current?.sequence += text.filter { !$0.isWhitespace }
            } else if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                skipped.append(TextLineFailure(line: number, message: "sequence line before any '>' header"))
            }
        }
        if current != nil && nextBad < bad.count { current?.broken = true }
        finish()
        return Contents(records: records, skipped: skipped.sorted { $0.line < $1.line })
    }

    /// CSV: the first readable line is the header; COLUMN names a header field or is a 1-based number.
    private func csv(_ lines: [(number: Int, text: String)], column: String, skipped: [TextLineFailure]) throws(JobError) -> Contents {
        let rows = lines.filter { !$0.text.isEmpty }
        guard let header = rows.first else { return Contents(records: [], skipped: skipped) }
        let names = CSV.rows(header.text).first ?? []
        let index: Int
        if let position = names.firstIndex(of: column) {
            index = position
        } else if let number = Int(column), number >= 1, number <= names.count {
            index = number - 1
        } else {
            throw .invalidInput("no CSV column '\(column)'; the header has: \(names.joined(separator: ", ")) (or give a number 1–\(names.count))")
        }
        var records: [TextRecord] = []
        var skipped = skipped
        for row in rows.dropFirst() {
            let fields = CSV.rows(row.text).first ?? []
            guard index < fields.count else {
                skipped.append(TextLineFailure(line: row.number, message: "only \(fields.count) fields; column \(column) is field \(index + 1)"))
                continue
            }
            guard !fields[index].isEmpty else { continue }
            records.append(TextRecord(line: row.number, text: fields[index]))
        }
        return Contents(records: records, skipped: skipped.sorted { $0.line < $1.line })
    }
}
