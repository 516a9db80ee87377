import LikenessAnalysis
import LikenessCore
import LikenessImaging

/// Measures an image file's ``QualityScores``: its pixels fitted into
/// ``QualityScores/analysisSide``, its encoding read from its bytes, and, for lossless files, the
/// native pixels (distinct colours, the trace of an earlier JPEG compression).
public struct QualityMeasurer: Sendable {
    /// Lossless files up to this many pixels are decoded at native size for the native measures;
    /// larger ones get the fitted measures only.
    public static let nativeLimit = 40_000_000
    private let decoder: ImageDecoder
    private let editor: ImageEditor

    public init() throws(ImagingError) {
        decoder = try ImageDecoder()
        editor = try ImageEditor()
    }

    /// Reads `source` once and measures it.
    /// - Throws: ``ItemFailure`` for a file that cannot be read or decoded (or changed since catalogued).
    public func scores(of source: ImageSource) throws(ItemFailure) -> QualityScores {
        let bytes = try source.bytes()
        do { return try scores(of: bytes, path: source.path) } catch { throw error.itemFailure }
    }

    /// Measures the image in `bytes` (an encoded file).
    public func scores(of bytes: [UInt8], path: String? = nil) throws(ImagingError) -> QualityScores {
        let info = try decoder.probe(bytes, path: path)
        let encoding = FileEncoding(bytes: bytes)
        let side = QualityScores.analysisSide
        let fitted: TargetSize = info.width <= side && info.height <= side ? .fit(width: info.width, height: info.height) : .fit(width: side, height: side)
        var native: PixelBuffer?
        let analysis: PixelBuffer
        if encoding.lossy == false && info.pixelCount <= Self.nativeLimit {
            let full = try decoder.decode(bytes, to: .fit(width: info.width, height: info.height), path: path).pixels
            native = full
            analysis = fitted == .fit(width: info.width, height: info.height) ? full : try editor.resized(full, to: fitted)
        } else {
            analysis = try decoder.decode(bytes, to: fitted, path: path).pixels
        }
        var scores = QualityScores(measuring: analysis, width: info.width, height: info.height, format: info.format)
        scores.jpegQuality = encoding.jpegQuality
        scores.bitDepth = encoding.bitDepth
        scores.paletteEntries = encoding.paletteEntries
        if let native {
            scores.distinctColours = DistinctColours.count(native)
            if !scores.isPaletteReduced, let ghost = JPEGGhost.find(GreyImage(native)) {
                scores.reencodedJPEGQuality = JPEGQuantization.nearestQuality(steps: ghost.steps)
            }
        }
        return scores
    }
}
