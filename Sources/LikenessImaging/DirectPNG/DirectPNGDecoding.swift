internal import CDeflate

/// 8-bit PNGs decoded without libpng: the chunks walked here, the image data inflated whole by
/// libdeflate, the rows unfiltered by ``PNGUnfilter``.
///
/// The fast path of ``ImageDecoder`` for PNGs, as ``LibjpegDecoding`` is for JPEGs. It gives the
/// very samples libvips' `pngload` gives (tested to the byte), and declines (returns nil) whatever
/// it does not handle exactly as libvips would, so that libvips decodes those, or reports their
/// failure, as it always has: other bit depths, palettes, transparency chunks, interlacing, colour
/// profiles, EXIF orientation, any chunk ``PNGChunkType`` does not know, and every damaged file
/// (a bad checksum, truncated or surplus data, an unknown filter).
enum DirectPNGDecoding {
    /// Decodes the image into rows that `make` provides, once the header is known: given the width,
    /// height and channel count (1 grey, 2 grey and alpha, 3 RGB, 4 RGBA), it returns room for
    /// exactly `width × height × channels` bytes and the value to return once they are written.
    /// Returns nil, without calling `make`, when it declines the file (and, should the data turn
    /// out to be bad once inflated, after calling it). `maxPixels` is checked before anything is
    /// inflated.
    static func decode<T>(_ raw: UnsafeRawBufferPointer, maxPixels: Int,
                          into make: (_ width: Int, _ height: Int, _ channels: Int) throws(ImagingError) -> (rows: UnsafeMutableRawBufferPointer, value: T))
        throws(ImagingError) -> T? {
        guard let walk = PNGChunkWalk(raw) else { return nil }
        let header = walk.header
        let (area, overflow) = header.width.multipliedReportingOverflow(by: header.height)
        guard !overflow, area <= maxPixels else { return nil }
        let stride = header.width * header.channels
        let stream = walk.imageData(raw)
        // Every byte is written by the inflate, or the file is declined.
        let inflated = [UInt8](unsafeUninitializedCapacity: header.height * (stride + 1)) { buffer, count in
            count = stream.withUnsafeBytes { input in
                lk_zlib_inflate_exact(input.baseAddress, input.count, buffer.baseAddress, buffer.count) == 0 ? buffer.count : 0
            }
        }
        guard !inflated.isEmpty else { return nil }
        let (rows, value) = try make(header.width, header.height, header.channels)
        guard rows.count == header.height * stride else { return nil }
        let unfiltered = inflated.withUnsafeBufferPointer { source in
            PNGUnfilter.unfilter(source, into: rows.bindMemory(to: UInt8.self), rowBytes: stride, pixelBytes: header.channels)
        }
        return unfiltered ? value : nil
    }

    /// True when the bytes start with the PNG signature.
    static func isPNG(_ raw: UnsafeRawBufferPointer) -> Bool {
        raw.count >= PNGChunkWalk.signature.count && zip(raw, PNGChunkWalk.signature).allSatisfy { $0 == $1 }
    }
}
