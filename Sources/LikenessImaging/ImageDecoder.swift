internal import CVips
import LikenessCore

/// Decodes image bytes into sRGB pixel buffers through libvips, shrinking on load.
///
/// Thread-safe: one decoder may be shared by many threads; each call builds its own pipeline.
public struct ImageDecoder: Sendable {
    public let configuration: DecodeConfiguration

    public init(configuration: DecodeConfiguration = DecodeConfiguration()) throws(ImagingError) {
        try VipsRuntime.ensureStarted()
        self.configuration = configuration
    }

    /// Reads only the header: pixel size (as displayed, after EXIF orientation) and format. Applies the pixel cap.
    public func probe(_ data: [UInt8], path: String? = nil) throws(ImagingError) -> ImageInfo {
        try Self.withBytes(data) { raw throws(ImagingError) in try probe(raw, path: path).info }
    }

    /// Decodes to 8-bit sRGB at the requested size: EXIF orientation applied, alpha flattened over
    /// white, grey/CMYK/16-bit converted. Truncated data is an error, not grey pixels.
    ///
    /// JPEGs are scaled by libjpeg while decoding (1/2, 1/4 or 1/8, never below the target), so a
    /// 12-megapixel photo is never fully decoded; the rest of the way is a box shrink plus a bicubic kernel.
    /// With `channels: .luma`, a JPEG decodes its luma alone (see ``DecodeChannels``).
    public func decode(_ data: [UInt8], to size: TargetSize, channels: DecodeChannels = .colour,
                       path: String? = nil) throws(ImagingError) -> (info: ImageInfo, pixels: PixelBuffer) {
        let (w, h) = size.dimensions
        guard w > 0, h > 0 else { throw ImagingError.invalidRequest("target size must be positive, got \(w)×\(h)") }
        return try Self.withBytes(data) { raw throws(ImagingError) in
            if configuration.directJPEG, Self.isJPEG(raw),
               let decoded = try decodeDirectly(raw, to: size, luma: channels == .luma, path: path) {
                return decoded
            }
            // Above what open() would hold, libvips' streaming loader keeps memory low.
            if let direct = try directPNG(raw, maxPixels: min(configuration.maxPixels, Self.largestHeld), path: path) {
                let plan = ResizePlan(source: (direct.info.width, direct.info.height), target: size)
                return (direct.info, try finish(direct.image, plan: plan, path: path))
            }
            let info = try probe(raw, path: path).info
            let plan = ResizePlan(source: (info.width, info.height), target: size)
            let shrink = info.format == .jpeg ? plan.jpegShrink : 1
            guard let loaded = lk_load_buffer(raw.baseAddress!, raw.count, Int32(shrink)) else {
                throw ImagingError.operationFailed(operation: "load", message: VipsRuntime.takeErrorText(), path: path)
            }
            let upright = try VipsImageHandle(loaded).apply("autorot", path: path) { lk_autorot($0, $1) }
            return (info, try finish(upright, plan: plan, path: path))
        }
    }

    /// A JPEG through libjpeg: the same DCT-scaled pixels libvips would load, turned upright by the
    /// EXIF orientation, then resized by libvips as every other image is. Nil when libjpeg declines it.
    private func decodeDirectly(_ raw: UnsafeRawBufferPointer, to size: TargetSize, luma: Bool,
                                path: String?) throws(ImagingError) -> (info: ImageInfo, pixels: PixelBuffer)? {
        guard let header = LibjpegDecoding.header(raw), !header.isCMYK else { return nil }
        try checkPixelCap(width: header.width, height: header.height, pages: 1, path: path)
        let orientation = ExifOrientation(jpeg: raw)
        let info = orientation.swapsAxes ? ImageInfo(width: header.height, height: header.width, format: .jpeg)
            : ImageInfo(width: header.width, height: header.height, format: .jpeg)
        let plan = ResizePlan(source: (info.width, info.height), target: size)
        return try LibjpegDecoding.decode(raw, shrink: plan.jpegShrink, luma: luma) { pixels, width, height, channels throws(ImagingError) in
            guard let image = lk_image_from_memory_copy(pixels.baseAddress, pixels.count, Int32(width), Int32(height), Int32(channels), 0) else {
                throw ImagingError.operationFailed(operation: "new_from_memory", message: VipsRuntime.takeErrorText(), path: path)
            }
            var upright = VipsImageHandle(image)
            if orientation != .upright {
                lk_set_orientation(upright.pointer, Int32(orientation.value))
                upright = try upright.apply("autorot", path: path) { lk_autorot($0, $1) }
            }
            return (info, try finish(upright, plan: plan, path: path))
        }
    }

    /// Scales an upright image as the plan says, cuts its crop and copies out sRGB pixels.
    func finish(_ loaded: VipsImageHandle, plan: ResizePlan, path: String?) throws(ImagingError) -> PixelBuffer {
        try loaded.resized(plan: plan, path: path).pixelBuffer(path: path)
    }

    /// True when the bytes start with JPEG's start-of-image marker.
    static func isJPEG(_ raw: UnsafeRawBufferPointer) -> Bool {
        raw.count > 3 && raw[0] == 0xFF && raw[1] == 0xD8 && raw[2] == 0xFF
    }

    /// Refuses images whose `width × height × pages` exceeds the configured cap.
    private func checkPixelCap(width: Int, height: Int, pages: Int, path: String?) throws(ImagingError) {
        let (area, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || area > configuration.maxPixels / max(pages, 1) {
            throw ImagingError.tooManyPixels(width: width, height: height, pages: pages, limit: configuration.maxPixels, path: path)
        }
    }

    /// `withUnsafeBytes` keeping the typed error.
    static func withBytes<T>(_ data: [UInt8], _ body: (UnsafeRawBufferPointer) throws(ImagingError) -> T) throws(ImagingError) -> T {
        let result: Result<T, ImagingError> = data.withUnsafeBytes { raw in Result { () throws(ImagingError) in try body(raw) } }
        return try result.get()
    }

    func probe(_ raw: UnsafeRawBufferPointer, path: String?) throws(ImagingError) -> (info: ImageInfo, header: VipsImageHandle) {
        guard let base = raw.baseAddress, raw.count > 0 else { throw ImagingError.empty(path: path) }
        let format: ImageFormat
        if Self.isJPEG(raw) {
            // JPEG's start-of-image marker: skip asking every libvips loader in turn (most photos are JPEGs).
            format = .jpeg
        } else {
            guard let loaderName = lk_find_loader(base, raw.count) else {
                _ = VipsRuntime.takeErrorText()
                throw ImagingError.notAnImage(path: path)
            }
            let loader = String(cString: loaderName)
            guard let known = ImageFormat(loaderName: loader) else {
                throw ImagingError.unsupportedFormat(loader: loader, path: path)
            }
            format = known
        }
        guard let header = lk_header_from_buffer(base, raw.count) else {
            throw ImagingError.operationFailed(operation: "header", message: VipsRuntime.takeErrorText(), path: path)
        }
        let handle = VipsImageHandle(header)
        let (width, height, pages) = (handle.width, handle.height, handle.pages)
        // A multi-page file reports the page height; count every page against the cap.
        try checkPixelCap(width: width, height: height, pages: pages, path: path)
        // Report the size as displayed, after EXIF orientation.
        let (shownWidth, shownHeight) = handle.orientationSwapsAxes ? (height, width) : (width, height)
        return (ImageInfo(width: shownWidth, height: shownHeight, format: format), handle)
    }
}
