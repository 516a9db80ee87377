import LikenessAnalysis
import LikenessCore

/// What the keeper choice knows about one copy: size in pixels and bytes, format, age, quality.
public struct KeeperCandidate: Sendable, Hashable {
    public var path: String
    public var width: Int
    public var height: Int
    public var format: ImageFormat?
    /// File size in bytes.
    public var fileSize: Int64
    /// Modification time, nanoseconds since the epoch.
    public var modified: Int64
    /// Nil when not measured (the chain has no quality rule, no copy reaches it, or the file could
    /// not be read).
    public var quality: QualityScores?
    /// The share of the border an edit filled, measured alone for the ``KeeperRule/padding`` rule;
    /// nil when not measured (``border`` then falls back on ``quality``).
    public var borderFill: Double?
    /// Mean cosine similarity of this copy's embedding to those of the other copies of its group
    /// (``GroupCentrality``); nil when not known.
    public var centrality: Double?

    public init(path: String, width: Int, height: Int, format: ImageFormat?, fileSize: Int64, modified: Int64, quality: QualityScores? = nil) {
        self.path = path
        self.width = width
        self.height = height
        self.format = format
        self.fileSize = fileSize
        self.modified = modified
        self.quality = quality
    }

    /// A catalogued image.
    public init(_ image: CatalogImage, quality: QualityScores? = nil) {
        self.init(path: image.path, width: image.info?.width ?? 0, height: image.info?.height ?? 0, format: image.info?.format,
                  fileSize: image.fingerprint?.size ?? 0, modified: image.fingerprint?.modifiedNanoseconds ?? 0, quality: quality)
    }

    public var pixels: Int { width * height }

    /// The border fill the padding rule reads: measured alone, or from the quality scores.
    public var border: Double? { borderFill ?? quality?.borderFill }
}
