import Foundation

/// The bearer token of a server, read from a file, compared in constant time.
public struct AccessToken: Sendable {
    /// Shortest token accepted: 16 characters.
    public static let minimumLength = 16

    private let bytes: [UInt8]

    /// The token itself (tests and embedders); surrounding whitespace is dropped.
    public init(_ secret: String) {
        bytes = Array(secret.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
    }

    /// Reads the token from the first line of `file`.
    public init(file: String) throws(ServerSetupError) {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw .tokenFileUnreadable(path: file, message: error.localizedDescription)
        }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        self.init(line)
        guard bytes.count >= Self.minimumLength else { throw .tokenTooShort(path: file) }
    }

    /// True when `candidate` is the token. Takes the same time wherever the first difference is,
    /// so response times do not reveal how much of a guess was right.
    public func matches(_ candidate: some Sequence<UInt8>) -> Bool {
        let given = Array(candidate)
        var difference: UInt8 = given.count == bytes.count ? 0 : 1
        for index in 0..<bytes.count {
            difference |= bytes[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
