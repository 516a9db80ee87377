import Foundation

/// Reads one field of an `application/x-www-form-urlencoded` body.
enum URLEncodedFields {
    static func value(of name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if parts.first == name { return parts.count > 1 ? parts[1] : "" }
        }
        return nil
    }
}
