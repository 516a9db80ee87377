/// Why one item (a file or a folder) could not be catalogued.
///
/// The raw values are stable: they are stored in the catalog and printed in JSON.
public enum FailureKind: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
    /// The file has no bytes.
    case emptyFile = "empty-file"
    /// The bytes are not an image any decoder recognises.
    case notAnImage = "not-an-image"
    /// The decoder recognises the bytes but Likeness does not accept the format (PDF, SVG, …).
    case unsupportedFormat = "unsupported-format"
    /// The image declares more pixels than the configured cap (a decompression bomb).
    case tooManyPixels = "too-many-pixels"
    /// The header is readable but the pixels are not: truncated or corrupt data.
    case corruptImage = "corrupt-image"
    /// The file or folder cannot be opened or read (permissions, I/O error).
    case unreadable
    /// The file changed between listing and reading; the next scan retries it.
    case changedDuringScan = "changed-during-scan"
    /// The name is not valid UTF-8; the stored path shows the raw bytes as `\xNN`.
    case nonUTF8Name = "non-utf8-name"
    /// A symbolic link leads back into a folder already being walked.
    case symlinkLoop = "symlink-loop"
    /// A symbolic link points nowhere.
    case brokenSymlink = "broken-symlink"
    /// A catalogued file changed or vanished since the last scan; jobs leave it out until a re-scan.
    case stale
    /// The model could not turn the decoded pixels into a usable vector (a NaN, infinite or
    /// all-zero output, or pixels of a size it does not take). Says nothing about the file: a
    /// black photo is a good image that some models cannot embed, so it stays in the catalog.
    case unembeddable

    public static func < (lhs: FailureKind, rhs: FailureKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// True when the file's bytes themselves are at fault (empty, not an image, an unsupported
    /// format, too many pixels, corrupt): reading the same bytes again fails again, so the failure
    /// belongs in the catalog until the file changes. False for reading, naming and catalog
    /// troubles, and for a model that cannot embed good pixels.
    public var isInTheBytes: Bool {
        switch self {
        case .emptyFile, .notAnImage, .unsupportedFormat, .tooManyPixels, .corruptImage: true
        case .unreadable, .changedDuringScan, .nonUTF8Name, .symlinkLoop, .brokenSymlink, .stale, .unembeddable: false
        }
    }
}

/// A typed failure for one item, with the underlying library's message.
public struct ItemFailure: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var kind: FailureKind
    public var message: String

    public init(_ kind: FailureKind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
