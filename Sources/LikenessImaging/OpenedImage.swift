internal import CVips
import LikenessCore

/// An image file read once and then decoded to as many sizes as its callers need.
///
/// Made by ``ImageDecoder/open(_:path:)``. A PNG, TIFF, WebP or other non-JPEG file is decompressed
/// a single time, turned upright and held in memory at its stored size; each decode then resizes
/// from there, giving the same pixels as ``ImageDecoder/decode(_:to:channels:path:)`` on the file
/// (libvips loads such files at full size either way). A JPEG keeps its bytes: every size is
/// decoded with its own DCT scaling, which costs less than resizing a full decode.
///
/// Not for sharing between threads: use one per image, on one thread.
public final class OpenedImage: @unchecked Sendable {
    /// Size as displayed (after EXIF orientation) and format.
    public let info: ImageInfo
    let bytes: [UInt8]
    let path: String?
    /// The upright pixels in memory; nil for a JPEG, or for an image too large to hold.
    let upright: VipsImageHandle?

    init(info: ImageInfo, bytes: [UInt8], path: String?, upright: VipsImageHandle?) {
        self.info = info
        self.bytes = bytes
        self.path = path
        self.upright = upright
    }
}

extension ImageDecoder {
    /// Images above this many pixels are not held in memory by ``open(_:path:)`` (each decode
    /// then reads the file again): 50 megapixels of 8-bit RGBA are 200 MB.
    public static let largestHeld = 50_000_000

    /// Reads the image in `data` for several decodes: its header is checked (pixel cap, format) and,
    /// unless it is a JPEG, its pixels are decompressed once and held (truncated data fails here);
    /// 8-bit PNGs through ``DirectPNGDecoding`` when ``DecodeConfiguration/directPNG`` is on.
    public func open(_ data: [UInt8], path: String? = nil) throws(ImagingError) -> OpenedImage {
        try Self.withBytes(data) { raw throws(ImagingError) in
            if let direct = try directPNG(raw, maxPixels: min(configuration.maxPixels, Self.largestHeld), path: path) {
                return OpenedImage(info: direct.info, bytes: data, path: path, upright: direct.image)
            }
            let info = try probe(raw, path: path).info
            guard !Self.isJPEG(raw), info.pixelCount <= Self.largestHeld else {
                return OpenedImage(info: info, bytes: data, path: path, upright: nil)
            }
            guard let loaded = lk_load_buffer(raw.baseAddress!, raw.count, 1) else {
                throw ImagingError.operationFailed(operation: "load", message: VipsRuntime.takeErrorText(), path: path)
            }
            let upright = try VipsImageHandle(loaded).apply("autorot", path: path) { lk_autorot($0, $1) }
            guard let held = lk_copy_memory(upright.pointer) else {
                throw ImagingError.operationFailed(operation: "load", message: VipsRuntime.takeErrorText(), path: path)
            }
            return OpenedImage(info: info, bytes: data, path: path, upright: VipsImageHandle(held))
        }
    }

    /// An 8-bit PNG through ``DirectPNGDecoding``: its size and a libvips image in memory tagged as
    /// libvips' loader tags it (upright: files with EXIF are declined). Nil when direct PNGs are
    /// off, or the file is not one it decodes, or it has more than `maxPixels`.
    func directPNG(_ raw: UnsafeRawBufferPointer, maxPixels: Int, path: String?) throws(ImagingError) -> (info: ImageInfo, image: VipsImageHandle)? {
        guard configuration.directPNG, DirectPNGDecoding.isPNG(raw) else { return nil }
        return try DirectPNGDecoding.decode(raw, maxPixels: maxPixels) { width, height, channels throws(ImagingError) in
            let interpretation = channels <= 2 ? lk_interpretation_bw() : lk_interpretation_srgb()
            guard let image = lk_image_new_uchar(Int32(width), Int32(height), Int32(channels), interpretation) else {
                throw ImagingError.operationFailed(operation: "new_memory", message: VipsRuntime.takeErrorText(), path: path)
            }
            let rows = UnsafeMutableRawBufferPointer(start: lk_image_pixels(image), count: width * height * channels)
            return (rows, (ImageInfo(width: width, height: height, format: .png), VipsImageHandle(image)))
        }
    }

    /// The opened image at `size`, as ``decode(_:to:channels:path:)`` would decode its file.
    public func decode(_ image: OpenedImage, to size: TargetSize, channels: DecodeChannels = .colour) throws(ImagingError) -> PixelBuffer {
        guard let upright = image.upright else { return try decode(image.bytes, to: size, channels: channels, path: image.path).pixels }
        let (w, h) = size.dimensions
        guard w > 0, h > 0 else { throw ImagingError.invalidRequest("target size must be positive, got \(w)×\(h)") }
        return try finish(upright, plan: ResizePlan(source: (image.info.width, image.info.height), target: size), path: image.path)
    }
}
