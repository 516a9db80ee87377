internal import CJPEG

/// JPEGs decoded by libjpeg directly: scaled in the DCT, and to luma alone when that is all a caller reads.
///
/// The fast path of ``ImageDecoder``. It declines (returns nil) whatever it does not handle exactly
/// as libvips would — CMYK and YCCK files, and any file libjpeg reports an error or a warning
/// about (truncated or corrupt data) — so that libvips decodes those, or reports their failure,
/// as it always has.
enum LibjpegDecoding {
    /// Size and colour model of a JPEG as stored, before EXIF orientation.
    struct Header {
        let width: Int
        let height: Int
        let isCMYK: Bool
    }

    /// The header, or nil when libjpeg cannot read it.
    static func header(_ raw: UnsafeRawBufferPointer) -> Header? {
        guard let base = raw.baseAddress else { return nil }
        var header = lk_jpeg_header()
        guard lk_jpeg_read_header(base.assumingMemoryBound(to: UInt8.self), raw.count, &header, nil, 0) == 0 else { return nil }
        return Header(width: Int(header.width), height: Int(header.height), isCMYK: header.is_cmyk != 0)
    }

    /// Decodes at 1/`shrink` of the stored size (1, 2, 4 or 8), grey when `luma` is set, else RGB,
    /// and hands the packed rows to `body` with their width, height and channel count (1 or 3).
    /// Returns nil, without calling `body`, when libjpeg fails or warns.
    static func decode<T>(_ raw: UnsafeRawBufferPointer, shrink: Int, luma: Bool,
                          _ body: (_ pixels: UnsafeRawBufferPointer, _ width: Int, _ height: Int, _ channels: Int) throws(ImagingError) -> T)
        throws(ImagingError) -> T? {
        guard let base = raw.baseAddress else { return nil }
        var (width, height, channels): (Int32, Int32, Int32) = (0, 0, 0)
        guard let pixels = lk_jpeg_decode(base.assumingMemoryBound(to: UInt8.self), raw.count, Int32(shrink), luma ? 1 : 0,
                                          &width, &height, &channels, nil, 0) else { return nil }
        defer { lk_jpeg_free(pixels) }
        let count = Int(width) * Int(height) * Int(channels)
        return try body(UnsafeRawBufferPointer(start: pixels, count: count), Int(width), Int(height), Int(channels))
    }
}
