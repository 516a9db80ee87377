/// One file as the catalog knows it.
public struct CatalogImage: Hashable, Sendable, Codable {
    /// Stable row id in the catalog.
    public var id: Int64
    /// Absolute path.
    public var path: String
    public var fingerprint: FileFingerprint?
    /// SHA-256 of the bytes; nil when the file could not be read.
    public var contentHash: ContentHash?
    /// Pixel size and format; nil when the file is not a decodable image.
    public var info: ImageInfo?
    /// Why the file is not usable; nil for a good image.
    public var failure: ItemFailure?
    /// True once a scan of its folder no longer finds the file.
    public var isGone: Bool

    public init(id: Int64, path: String, fingerprint: FileFingerprint?, contentHash: ContentHash?,
                info: ImageInfo?, failure: ItemFailure?, isGone: Bool) {
        self.id = id
        self.path = path
        self.fingerprint = fingerprint
        self.contentHash = contentHash
        self.info = info
        self.failure = failure
        self.isGone = isGone
    }
}

/// Files with byte-identical content.
public struct ExactDuplicateGroup: Hashable, Sendable, Codable {
    public var contentHash: ContentHash
    /// Members sorted by path.
    public var members: [CatalogImage]

    public init(contentHash: ContentHash, members: [CatalogImage]) {
        self.contentHash = contentHash
        self.members = members
    }
}
