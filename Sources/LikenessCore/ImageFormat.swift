/// The image formats Likeness accepts.
///
/// Parsed once from the decoder's loader name; anything else the decoder could read
/// (PDF, SVG, FITS, …) is reported as unsupported rather than silently treated as a photo.
public enum ImageFormat: String, Sendable, Codable, CaseIterable {
    case jpeg, png, webp, tiff, gif, heif, jxl, jpeg2000, ppm

    /// Maps a libvips loader, by nickname (`jpegload_buffer`) or class name (`VipsForeignLoadJpegBuffer`),
    /// to a format, or nil when unsupported.
    public init?(loaderName: String) {
        var stem = loaderName.lowercased()
        for prefix in ["vipsforeignload"] where stem.hasPrefix(prefix) { stem.removeFirst(prefix.count) }
        for suffix in ["_buffer", "_source", "buffer", "source", "file"] where stem.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        if stem.hasSuffix("load") { stem.removeLast(4) }
        if stem == "nsgif" { stem = "gif" }
        switch stem {
        case "jpeg": self = .jpeg
        case "png": self = .png
        case "webp": self = .webp
        case "tiff": self = .tiff
        case "gif": self = .gif
        case "heif": self = .heif
        case "jxl": self = .jxl
        case "jp2k": self = .jpeg2000
        case "ppm": self = .ppm
        default: return nil
        }
    }
}

/// What a decoder learns from an image's header: its pixel size and format.
public struct ImageInfo: Hashable, Sendable, Codable {
    public var width: Int
    public var height: Int
    public var format: ImageFormat

    public init(width: Int, height: Int, format: ImageFormat) {
        self.width = width
        self.height = height
        self.format = format
    }

    /// Width times height.
    public var pixelCount: Int { width * height }
}
