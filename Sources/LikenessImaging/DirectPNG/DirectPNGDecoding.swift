internal import CDeflate

/// 8-bit PNGs decoded without libpng: the chunks walked here, the image data inflated whole by
/// libdeflate, the rows unfiltered by ``PNGUnfilter``.
///
/// The fast path of ``ImageDecoder`` for PNGs, as ``LibjpegDecoding`` is for JPEGs. It gives the
/// very samples libvips' `pngload` gives (tested to the byte), and declines (returns nil) whatever
/// it does not handle exactly as libvips would, so that libvips decodes those, or reports their
/// failure, as it always has: other bit depths, palettes, transparency chunks, interlacing, colour
/// profiles, EXIF orientation, any chunk outside ``PNGChunkWalk/harmless``, and every damaged file
/// (a bad checksum, truncated or surplus data, an unknown filter).
enum DirectPNGDecoding {
    /// Decodes the image and hands its packed rows to `body` with their width, height and channel
    /// count (1 grey, 2 grey and alpha, 3 RGB, 4 RGBA). Returns nil, without calling `body`, when
    /// it declines the file. `maxPixels` is checked before anything is inflated.
    static func decode<T>(_ raw: UnsafeRawBufferPointer, maxPixels: Int,
                          _ body: (_ pixels: UnsafeRawBufferPointer, _ width: Int, _ height: Int, _ channels: Int) throws(ImagingError) -> T)
        throws(ImagingError) -> T? {
        guard let walk = PNGChunkWalk(raw) else { return nil }
        let header = walk.header
        let (area, overflow) = header.width.multipliedReportingOverflow(by: header.height)
        guard !overflow, area <= maxPixels else { return nil }
        let stride = header.width * header.channels
        let filtered = header.height * (stride + 1)
        var inflated = [UInt8](repeating: 0, count: filtered)
        let stream = walk.imageData(raw)
        let status = stream.withUnsafeBytes { input in
            inflated.withUnsafeMutableBytes { output in
                lk_zlib_inflate_exact(input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
        guard status == 0 else { return nil }
        var pixels = [UInt8](repeating: 0, count: header.height * stride)
        let unfiltered = inflated.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { rows in
                PNGUnfilter.unfilter(source, into: rows, rowBytes: stride, pixelBytes: header.channels)
            }
        }
        guard unfiltered else { return nil }
        return try ImageDecoder.withBytes(pixels) { buffer throws(ImagingError) in
            try body(buffer, header.width, header.height, header.channels)
        }
    }

    /// True when the bytes start with the PNG signature.
    static func isPNG(_ raw: UnsafeRawBufferPointer) -> Bool {
        raw.count >= PNGChunkWalk.signature.count && zip(raw, PNGChunkWalk.signature).allSatisfy { $0 == $1 }
    }
}
