import Foundation

/// PNG files put together chunk by chunk, for the direct PNG decoder's tests: any filter on any
/// row, the image data stored (uncompressed deflate blocks) and cut into IDAT chunks of any size,
/// and chunks added, damaged or left out at will.
struct PNGBuilder {
    var width: Int
    var height: Int
    /// 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA.
    var channels: Int
    /// Packed 8-bit samples, `width × height × channels`.
    var samples: [UInt8]
    /// The filter of each row (0–4, or anything else to write a bad filter byte), by row number.
    var filterOfRow: (Int) -> UInt8 = { $0 % 5 == 0 ? 4 : UInt8($0 % 5) }
    /// Chunks written between IHDR and the image data, as (type, data).
    var before: [(String, [UInt8])] = []
    /// Largest IDAT chunk.
    var dataChunk = 4096
    var bitDepth: UInt8 = 8
    var interlace: UInt8 = 0

    /// The colour type for ``channels``.
    var colourType: UInt8 { [0, 4, 2, 6][channels - 1] }

    /// The rows, each a filter byte and the filtered samples.
    func filtered() -> [UInt8] {
        let stride = width * channels
        var out: [UInt8] = []
        for row in 0..<height {
            let filter = filterOfRow(row)
            out.append(filter)
            for i in 0..<stride {
                let x = samples[row * stride + i]
                let a = i >= channels ? samples[row * stride + i - channels] : 0
                let b = row > 0 ? samples[(row - 1) * stride + i] : 0
                let c = row > 0 && i >= channels ? samples[(row - 1) * stride + i - channels] : 0
                let predicted: UInt8
                switch filter {
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = UInt8((Int(a) + Int(b)) / 2)
                case 4: predicted = Self.paeth(a, b, c)
                default: predicted = 0
                }
                out.append(x &- predicted)
            }
        }
        return out
    }

    /// The predictor as the PNG specification writes it (section 9.4).
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let (pa, pb, pc) = (abs(p - Int(a)), abs(p - Int(b)), abs(p - Int(c)))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// A zlib stream of stored blocks holding `data`.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let count = min(65_535, data.count - start)
            let last = start + count == data.count
            out.append(last ? 1 : 0)
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[start..<(start + count)]
            start += count
        } while start < data.count
        var (s1, s2): (UInt32, UInt32) = (1, 0)
        for byte in data { s1 = (s1 + UInt32(byte)) % 65_521; s2 = (s2 + s1) % 65_521 }
        return out + Self.bigEndian(s2 << 16 | s1)
    }

    /// The zlib stream the file carries (stored blocks of ``filtered()``).
    func stream() -> [UInt8] { Self.zlibStored(filtered()) }

    /// The whole file; `stream` replaces the image data, and `end` is false to leave out IEND.
    func file(stream: [UInt8]? = nil, end: Bool = true) -> [UInt8] {
        var out: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
        let header = Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height)) + [bitDepth, colourType, 0, 0, interlace]
        out += Self.chunk("IHDR", header)
        for (type, data) in before { out += Self.chunk(type, data) }
        let data = stream ?? self.stream()
        var start = 0
        while start < data.count {
            let count = min(dataChunk, data.count - start)
            out += Self.chunk("IDAT", Array(data[start..<(start + count)]))
            start += count
        }
        if end { out += Self.chunk("IEND", []) }
        return out
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
}
