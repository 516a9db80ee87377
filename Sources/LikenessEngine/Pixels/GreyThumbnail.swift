import LikenessCore
import LikenessImaging

/// The raw-pixel description of an image: its 16×16 grey thumbnail (BT.601 luma, as
/// ``GreyImage`` computes it), 256 values in [0, 255], row by row.
///
/// The one place this feature is computed: `eval --method pixels` and the linear probe's pixel
/// baseline take ``values(ofFile:path:)`` / ``values(of:)`` as they are (cosine does not care
/// about length), `cluster --method pixels` and `map --method pixels` scale them to unit length
/// with ``unit(_:)``. Files are decoded with shrink-on-load straight to 16×16 (aspect ratio ignored).
public struct GreyThumbnail: Sendable {
    /// Side of the thumbnail.
    public static let side = 16
    /// The decode target: squashed to ``side`` × ``side``.
    public static let size = TargetSize.squash(width: side, height: side)

    private let decoder: ImageDecoder
    private let editor: ImageEditor

    /// Starts libvips; throws when it cannot start.
    public init() throws(ImagingError) {
        decoder = try ImageDecoder()
        editor = try ImageEditor()
    }

    /// The thumbnail values of an image file's bytes.
    public func values(ofFile bytes: [UInt8], path: String) throws(ImagingError) -> [Float] {
        GreyImage(try decoder.decode(bytes, to: Self.size, path: path).pixels).values
    }

    /// The thumbnail values of pixels already decoded, at any size (resized with the decoder's kernel).
    public func values(of pixels: PixelBuffer) throws(ImagingError) -> [Float] {
        GreyImage(try editor.resized(pixels, to: Self.size)).values
    }

    /// Reads the file through ``ImageSource`` (checked against what the catalog saw) and returns
    /// its thumbnail scaled to unit length; a file that cannot be read or decoded is a typed failure.
    public func unitVector(of source: ImageSource) throws(ItemFailure) -> [Float] {
        let bytes = try source.bytes()
        do { return Self.unit(try values(ofFile: bytes, path: source.path)) } catch { throw error.itemFailure }
    }

    /// The values scaled to unit length. An all-black thumbnail (no length) becomes the flat
    /// direction, every value 1/√count: it is the limit of ever darker flat images, which all
    /// share that direction.
    public static func unit(_ values: [Float]) -> [Float] {
        let norm = values.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return [Float](repeating: 1 / Float(values.count).squareRoot(), count: values.count) }
        return values.map { $0 / norm }
    }
}
