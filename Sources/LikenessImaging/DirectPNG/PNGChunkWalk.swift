internal import CDeflate

/// The chunks of a PNG file that ``DirectPNGDecoding`` can decode exactly as libvips would, or nil.
///
/// Accepted: an 8-bit, non-interlaced grey, grey-and-alpha, RGB or RGBA image whose IHDR, IDAT
/// and IEND chunks are whole, in order and pass their CRC, with no chunk besides those and the ones
/// ``PNGChunkType`` lets it skip. Anything else is declined, to be read by libvips.
struct PNGChunkWalk {
    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    struct Header: Equatable {
        let width: Int
        let height: Int
        /// Samples per pixel: 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA.
        let channels: Int
    }

    let header: Header
    /// Where each IDAT chunk's data lies in the file, in order.
    private let dataRanges: [Range<Int>]

    init?(_ raw: UnsafeRawBufferPointer) {
        guard DirectPNGDecoding.isPNG(raw) else { return nil }
        var position = Self.signature.count
        var header: Header?
        var ranges: [Range<Int>] = []
        var dataEnded = false
        while true {
            guard let chunk = Self.chunk(in: raw, at: position) else { return nil }
            position = chunk.next
            if header == nil {
                guard chunk.type == .header, Self.crcMatches(raw, chunk), let parsed = Self.header(raw, chunk.data) else { return nil }
                header = parsed
                continue
            }
            switch chunk.type {
            case .data?:
                guard !dataEnded, Self.crcMatches(raw, chunk) else { return nil }
                ranges.append(chunk.data)
            case .end?:
                guard !ranges.isEmpty, chunk.data.isEmpty, Self.crcMatches(raw, chunk), let header else { return nil }
                self.header = header
                self.dataRanges = ranges
                return
            case let type? where type.isSkipped:
                dataEnded = !ranges.isEmpty
            default:
                // A second header, or a type not known here.
                return nil
            }
        }
    }

    /// The zlib stream: the IDAT chunks' data joined.
    func imageData(_ raw: UnsafeRawBufferPointer) -> [UInt8] {
        var joined: [UInt8] = []
        joined.reserveCapacity(dataRanges.reduce(0) { $0 + $1.count })
        for range in dataRanges { joined.append(contentsOf: raw[range]) }
        return joined
    }

    private struct Chunk {
        /// Nil for a type ``PNGChunkType`` does not know.
        let type: PNGChunkType?
        /// The chunk's data within the file.
        let data: Range<Int>
        /// Where the next chunk starts.
        let next: Int
    }

    /// The chunk starting at `position`, or nil when the file ends inside it.
    private static func chunk(in raw: UnsafeRawBufferPointer, at position: Int) -> Chunk? {
        guard raw.count - position >= 12 else { return nil }
        let length = Int(bigEndian(raw, position))
        guard length <= Int(Int32.max), raw.count - position - 12 >= length else { return nil }
        let type = PNGChunkType(rawValue: String(decoding: raw[(position + 4)..<(position + 8)], as: UTF8.self))
        let start = position + 8
        return Chunk(type: type, data: start..<(start + length), next: start + length + 4)
    }

    /// Whether the stored CRC matches the one of the chunk's type and data.
    private static func crcMatches(_ raw: UnsafeRawBufferPointer, _ chunk: Chunk) -> Bool {
        let covered = UnsafeRawBufferPointer(rebasing: raw[(chunk.data.lowerBound - 4)..<chunk.data.upperBound])
        return lk_crc32(covered.baseAddress, covered.count) == bigEndian(raw, chunk.data.upperBound)
    }

    /// The header, when it is one this path decodes.
    private static func header(_ raw: UnsafeRawBufferPointer, _ data: Range<Int>) -> Header? {
        guard data.count == 13 else { return nil }
        let start = data.lowerBound
        let (width, height) = (Int(bigEndian(raw, start)), Int(bigEndian(raw, start + 4)))
        let (depth, colour, compression, filter, interlace) = (raw[start + 8], raw[start + 9], raw[start + 10], raw[start + 11], raw[start + 12])
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max),
              depth == 8, compression == 0, filter == 0, interlace == 0 else { return nil }
        let channels: Int
        switch colour {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: return nil
        }
        return Header(width: width, height: height, channels: channels)
    }

    private static func bigEndian(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        raw[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
