import LikenessCore

/// What a scan learned about one file, ready to be stored.
public struct CatalogEntry: Sendable, Hashable {
    public var path: String
    /// Nil when the file must be re-read on the next scan (it changed while being read).
    public var fingerprint: FileFingerprint?
    public var contentHash: ContentHash?
    public var info: ImageInfo?
    public var failure: ItemFailure?

    public init(path: String, fingerprint: FileFingerprint?, contentHash: ContentHash? = nil,
                info: ImageInfo? = nil, failure: ItemFailure? = nil) {
        self.path = path
        self.fingerprint = fingerprint
        self.contentHash = contentHash
        self.info = info
        self.failure = failure
    }
}

extension CatalogEntry {
    /// A catalogued image whose pixels turned out not to decode after a scan that read only its
    /// header (or that changed in a way its fingerprint did not show): the same file, failed.
    public init(_ image: CatalogImage, failedWith failure: ItemFailure) {
        self.init(path: image.path, fingerprint: image.fingerprint, contentHash: image.contentHash, failure: failure)
    }
}

/// What the catalog remembers of a path, for the re-scan decision.
public struct StoredState: Sendable, Hashable {
    public var fingerprint: FileFingerprint?
    public var isGone: Bool

    public init(fingerprint: FileFingerprint?, isGone: Bool) {
        self.fingerprint = fingerprint
        self.isGone = isGone
    }
}
