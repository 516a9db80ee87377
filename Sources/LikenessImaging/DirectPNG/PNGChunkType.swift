/// The chunk types the direct PNG path knows, by their four-letter names (PNG specification,
/// sections 11.2 and 11.3); a chunk of any other type makes it decline the file.
enum PNGChunkType: String {
    case header = "IHDR", data = "IDAT", end = "IEND"
    // Ancillary chunks that change nothing libvips' loader gives for an 8-bit image: libvips does
    // not apply gamma or chromaticities, and keeps text, time and resolution as metadata.
    // Transparency (`tRNS`), colour profiles (`iCCP`), EXIF (`eXIf`, which can turn the image),
    // palettes and animation are not among them.
    case gamma = "gAMA", chromaticities = "cHRM", standardRGB = "sRGB", significantBits = "sBIT"
    case physicalSize = "pHYs", text = "tEXt", compressedText = "zTXt", internationalText = "iTXt"
    case time = "tIME", background = "bKGD"

    /// Whether the chunk can be skipped: every known type but the three the image is made of.
    var isSkipped: Bool {
        switch self {
        case .header, .data, .end: false
        default: true
        }
    }
}
