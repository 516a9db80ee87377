internal import CVips
import LikenessCore

/// Raw samples to encode: any band count, 8 or 16 bits, optionally tagged CMYK or rotated by EXIF.
public struct RasterImage: Sendable {
    public enum Depth: Sendable { case eight, sixteen }

    public var width: Int
    public var height: Int
    public var bands: Int
    public var depth: Depth
    /// Packed samples in native byte order: `width × height × bands` of 1 or 2 bytes.
    public var samples: [UInt8]
    /// Treat four bands as CMYK rather than RGBA.
    public var isCMYK: Bool
    /// EXIF orientation (1–8) to record in the file, if any.
    public var orientation: Int?

    public init(width: Int, height: Int, bands: Int, depth: Depth = .eight, samples: [UInt8],
                isCMYK: Bool = false, orientation: Int? = nil) {
        precondition(samples.count == width * height * bands * (depth == .eight ? 1 : 2), "sample count must match the size")
        self.width = width
        self.height = height
        self.bands = bands
        self.depth = depth
        self.samples = samples
        self.isCMYK = isCMYK
        self.orientation = orientation
    }

    /// An 8-bit RGB raster of a pixel buffer.
    public init(_ pixels: PixelBuffer) {
        self.init(width: pixels.width, height: pixels.height, bands: 3, samples: pixels.bytes)
    }
}

/// Writes images to files through libvips; used to make fixtures and edited copies.
public struct ImageEncoder: Sendable {
    public init() throws(ImagingError) {
        try VipsRuntime.ensureStarted()
    }

    /// Saves `pixels` to `path`; the suffix picks the format and may carry options, e.g. `photo.jpg[Q=90]`.
    public func write(_ pixels: PixelBuffer, to path: String) throws(ImagingError) {
        try write(RasterImage(pixels), to: path)
    }

    /// Saves a raster to `path`; the suffix picks the format and may carry saver options.
    public func write(_ raster: RasterImage, to path: String) throws(ImagingError) {
        let sixteen = raster.depth == .sixteen
        let image = raster.samples.withUnsafeBytes { raw in
            lk_image_from_memory_copy(raw.baseAddress, raw.count, Int32(raster.width), Int32(raster.height),
                                      Int32(raster.bands), sixteen ? 1 : 0)
        }
        guard let image else {
            throw ImagingError.operationFailed(operation: "new_from_memory", message: VipsRuntime.takeErrorText(), path: path)
        }
        var handle = VipsImageHandle(image)
        let interpretation: Int32? = raster.isCMYK ? lk_interpretation_cmyk()
            : sixteen ? (raster.bands >= 3 ? lk_interpretation_rgb16() : lk_interpretation_grey16()) : nil
        if let interpretation {
            handle = try handle.apply("copy", path: path) { lk_copy_with_interpretation($0, interpretation, $1) }
        }
        if let orientation = raster.orientation {
            handle = try handle.apply("copy", path: path) { lk_copy_with_interpretation($0, lk_interpretation(handle.pointer), $1) }
            lk_set_orientation(handle.pointer, Int32(orientation))
        }
        guard lk_write_to_file(handle.pointer, path) == 0 else {
            throw ImagingError.operationFailed(operation: "write", message: VipsRuntime.takeErrorText(), path: path)
        }
    }
}
