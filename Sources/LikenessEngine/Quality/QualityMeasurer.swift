import LikenessAnalysis
import LikenessCore
import LikenessImaging

/// Measures an image file's ``QualityScores``: its pixels fitted into
/// ``QualityScores/analysisSide``, its encoding read from its bytes, and, for lossless files, the
/// native pixels (distinct colours, the trace of an earlier JPEG compression). With the BRISQUE
/// model installed, the fitted pixels are also given a BRISQUE score (``QualityScores/brisque``);
/// without it that score is nil and everything else is measured as before.
public struct QualityMeasurer: Sendable {
    /// Lossless files up to this many pixels are decoded at native size for the native measures;
    /// larger ones get the fitted measures only.
    public static let nativeLimit = 40_000_000
    private let decoder: ImageDecoder
    private let editor: ImageEditor
    /// The BRISQUE model, or why it could not be loaded.
    public let naturalness: Result<BRISQUEModel, BRISQUEModelError>

    /// A measurer with the BRISQUE model where setup installs it (``BRISQUEModelLocator/fromEnvironment(_:)``).
    public init() throws(ImagingError) {
        try self.init(naturalness: Result { () throws(BRISQUEModelError) in try BRISQUEModelLocator.fromEnvironment().load() })
    }

    /// A measurer with the given BRISQUE model, or none (the failure says why).
    public init(naturalness: Result<BRISQUEModel, BRISQUEModelError>) throws(ImagingError) {
        decoder = try ImageDecoder()
        editor = try ImageEditor()
        self.naturalness = naturalness
    }

    /// The BRISQUE model when it was loaded.
    public var naturalnessModel: BRISQUEModel? { try? naturalness.get() }

    /// Reads `source` once and measures it.
    /// - Throws: ``ItemFailure`` for a file that cannot be read or decoded (or changed since catalogued).
    public func scores(of source: ImageSource) throws(ItemFailure) -> QualityScores {
        let bytes = try source.bytes()
        do { return try scores(of: bytes, path: source.path) } catch { throw error.itemFailure }
    }

    /// The share of `source`'s border an edit filled (``QualityScores/borderFill``), measured on the
    /// same pixels as ``scores(of:)`` measures it, so the two always agree, without the other measures.
    /// - Throws: ``ItemFailure`` for a file that cannot be read or decoded (or changed since catalogued).
    public func borderFill(of source: ImageSource) throws(ItemFailure) -> Double {
        let bytes = try source.bytes()
        do { return BorderFill.share(try decoded(bytes, path: source.path).analysis) } catch { throw error.itemFailure }
    }

    /// The border fill of the image in `bytes`, already opened for other decodes: ``OpenedImage``
    /// decodes the pixels ``decoder`` would decode from the bytes, so this is the value
    /// ``borderFill(of:)`` gives.
    public func borderFill(of bytes: [UInt8], opened: OpenedImage) throws(ImagingError) -> Double {
        let decoder = self.decoder
        return BorderFill.share(try decoded(info: opened.info, encoding: FileEncoding(bytes: bytes)) { size throws(ImagingError) in
            try decoder.decode(opened, to: size)
        }.analysis)
    }

    /// Measures the image in `bytes` (an encoded file).
    public func scores(of bytes: [UInt8], path: String? = nil) throws(ImagingError) -> QualityScores {
        let (info, encoding, analysis, native) = try decoded(bytes, path: path)
        var scores = QualityScores(measuring: analysis, width: info.width, height: info.height, format: info.format)
        scores.brisque = naturalnessModel?.score(analysis)
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

    /// The pixels the measures read: the image fitted into ``QualityScores/analysisSide`` and, for
    /// a lossless file of at most ``nativeLimit`` pixels, the native pixels it is resized from.
    private func decoded(_ bytes: [UInt8], path: String?) throws(ImagingError)
        -> (info: ImageInfo, encoding: FileEncoding, analysis: PixelBuffer, native: PixelBuffer?) {
        let decoder = self.decoder
        return try decoded(info: try decoder.probe(bytes, path: path), encoding: FileEncoding(bytes: bytes)) { size throws(ImagingError) in
            try decoder.decode(bytes, to: size, path: path).pixels
        }
    }

    /// The same from an image of `info` and `encoding` that `decode` decodes to a size.
    private func decoded(info: ImageInfo, encoding: FileEncoding, decode: (TargetSize) throws(ImagingError) -> PixelBuffer) throws(ImagingError)
        -> (info: ImageInfo, encoding: FileEncoding, analysis: PixelBuffer, native: PixelBuffer?) {
        let side = QualityScores.analysisSide
        let fitted: TargetSize = info.width <= side && info.height <= side ? .fit(width: info.width, height: info.height) : .fit(width: side, height: side)
        guard encoding.lossy == false && info.pixelCount <= Self.nativeLimit else { return (info, encoding, try decode(fitted), nil) }
        let full = try decode(.fit(width: info.width, height: info.height))
        return (info, encoding, fitted == .fit(width: info.width, height: info.height) ? full : try editor.resized(full, to: fitted), full)
    }
}
