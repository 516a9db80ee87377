/// What an image file's bytes say about how it was stored: lossy or not, JPEG quality, bit depth,
/// palette, transparency. Read from headers and table segments only, without decoding pixels.
public struct FileEncoding: Sendable, Hashable, Codable {
    /// True for JPEG and lossy WebP, false for PNG, GIF, lossless WebP, TIFF and PPM; nil when unknown.
    public var lossy: Bool?
    /// The IJG quality of a JPEG's luminance table (``JPEGQuantization``).
    public var jpegQuality: Int?
    /// Whether the JPEG's tables are exactly IJG tables at ``jpegQuality``.
    public var jpegStandardTables: Bool?
    /// Bits per sample (PNG: 1–16; JPEG: 8 or 12).
    public var bitDepth: Int?
    /// Entries of the colour palette of an indexed PNG or a GIF; nil for true-colour files.
    public var paletteEntries: Int?
    /// Whether the file can carry transparency (an alpha channel or a transparency chunk).
    public var transparency: Bool

    public init(lossy: Bool? = nil, jpegQuality: Int? = nil, jpegStandardTables: Bool? = nil, bitDepth: Int? = nil,
                paletteEntries: Int? = nil, transparency: Bool = false) {
        self.lossy = lossy
        self.jpegQuality = jpegQuality
        self.jpegStandardTables = jpegStandardTables
        self.bitDepth = bitDepth
        self.paletteEntries = paletteEntries
        self.transparency = transparency
    }

    /// Reads the encoding of JPEG, PNG, GIF, WebP, TIFF and PPM files; other bytes give an empty value.
    public init(bytes: [UInt8]) {
        self.init()
        if bytes.count > 3, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            lossy = true
            if let tables = JPEGQuantization(jpeg: bytes) {
                jpegQuality = tables.quality
                jpegStandardTables = tables.isStandard
            }
            bitDepth = Self.jpegPrecision(bytes)
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            lossy = false
            readPNG(bytes)
        } else if bytes.starts(with: Array("GIF8".utf8)), bytes.count > 10 {
            lossy = false
            bitDepth = 8
            let packed = bytes[10]
            paletteEntries = packed & 0x80 != 0 ? 1 << (Int(packed & 0x07) + 1) : 256
            transparency = true
        } else if bytes.count > 16, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
            lossy = chunk == "VP8 " ? true : chunk == "VP8L" ? false : nil
            bitDepth = 8
            transparency = chunk == "VP8L" || chunk == "VP8X"
        } else if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            lossy = false
        } else if bytes.count > 2, bytes[0] == 0x50, (0x31...0x36).contains(bytes[1]) {
            lossy = false
        }
    }

    /// Walks the PNG chunks up to the first image data: header, palette, transparency.
    private mutating func readPNG(_ bytes: [UInt8]) {
        var at = 8
        var indexed = false
        while at + 8 <= bytes.count {
            let length = Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            let type = String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self)
            let data = at + 8
            guard length >= 0, data + length <= bytes.count else { return }
            switch type {
            case "IHDR" where length >= 10:
                bitDepth = Int(bytes[data + 8])
                let colourType = bytes[data + 9]
                transparency = colourType == 4 || colourType == 6
                indexed = colourType == 3
            case "PLTE" where indexed:
                // A true-colour file may carry a suggested palette; only an indexed one is limited to it.
                paletteEntries = length / 3
            case "tRNS":
                transparency = true
            case "IDAT", "IEND":
                return
            default:
                break
            }
            at = data + length + 4
        }
    }

    /// The sample precision of the first start-of-frame segment.
    private static func jpegPrecision(_ bytes: [UInt8]) -> Int? {
        var at = 2
        while at + 4 < bytes.count, bytes[at] == 0xFF {
            let marker = bytes[at + 1]
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC { return Int(bytes[at + 4]) }
            guard length >= 2 else { return nil }
            at += 2 + length
        }
        return nil
    }
}
