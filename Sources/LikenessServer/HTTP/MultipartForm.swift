import Foundation

/// Reads one field out of a `multipart/form-data` body (RFC 7578): enough for an upload form,
/// without a dependency.
enum MultipartForm {
    /// The boundary named by a `Content-Type: multipart/form-data; boundary=…` header.
    static func boundary(in contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// The bytes of the part whose `Content-Disposition` names `field`, or nil.
    static func field(_ field: String, in body: [UInt8], boundary: String) -> [UInt8]? {
        let delimiter = Array("--\(boundary)".utf8)
        var start = 0
        while let found = index(of: delimiter, in: body, from: start) {
            let headersStart = found + delimiter.count + 2
            guard headersStart <= body.count, let headersEnd = index(of: Array("\r\n\r\n".utf8), in: body, from: headersStart) else { return nil }
            let headers = String(decoding: body[headersStart..<headersEnd], as: UTF8.self).lowercased()
            let contentStart = headersEnd + 4
            guard let next = index(of: Array("\r\n".utf8) + delimiter, in: body, from: contentStart) else { return nil }
            if headers.contains("name=\"\(field.lowercased())\"") { return Array(body[contentStart..<next]) }
            start = next + 2
        }
        return nil
    }

    private static func index(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var position = start
        while position <= haystack.count - needle.count {
            if haystack[position] == needle[0] && haystack[position..<position + needle.count].elementsEqual(needle) { return position }
            position += 1
        }
        return nil
    }
}
