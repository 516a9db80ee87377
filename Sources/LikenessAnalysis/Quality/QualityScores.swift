import Foundation
import LikenessCore

/// An image's quality scores: what its pixels and its file say about sharpness, noise, exposure,
/// contrast, colour, information, compression, resolution and edits.
///
/// The pixel measures are taken on the image fitted into ``analysisSide`` (never enlarged), so
/// copies of one picture at different sizes are measured alike; the file facts (JPEG quality, bit
/// depth, palette, a JPEG trace in a lossless file) come from the file itself. ``overall`` combines
/// them into one number (``QualityScores+Overall.swift``); ``issues`` names what is wrong.
public struct QualityScores: Sendable, Codable, Hashable {
    /// Pixel measures are taken on the image fitted into this square.
    public static let analysisSide = 1024

    /// Native width and height (as displayed).
    public var width: Int
    public var height: Int
    public var format: ImageFormat?
    /// Laplacian variance of the sharpest half of an 8 × 8 grid of tiles (``TiledSharpness``).
    public var sharpness: Double
    /// The same as a standard deviation over those tiles' grey-level deviation: blind to contrast
    /// and exposure changes, lowered by blur.
    public var relativeSharpness: Double
    /// Directional blur, 0–1 (``MotionBlur``): near 0 when detail is lost alike in every direction
    /// (defocus) or not lost; high when one direction lost much more than the other (motion blur).
    public var motionBlur: Double
    /// Noise sigma in grey levels (``NoiseEstimate``).
    public var noise: Double
    /// Mean luma, 0–255.
    public var meanLuminance: Double
    /// RMS contrast (luma standard deviation), grey levels.
    public var contrast: Double
    /// Share of pixels clipped black (all channels ≤ 2).
    public var shadowClipping: Double
    /// Share of pixels with a channel clipped at ≥ 253.
    public var highlightClipping: Double
    /// Luma histogram entropy, bits (0–8).
    public var entropy: Double
    /// Share of pixels missing from comb-like histogram gaps (``ToneStatistics/toneGaps``).
    public var toneGaps: Double
    /// Share of pixels piled on histogram spikes between the clip levels (``ToneStatistics/toneSpikes``).
    public var toneSpikes: Double
    /// Hasler–Süsstrunk colourfulness.
    public var colourfulness: Double
    /// Share of the image in solid 16 × 16 blocks (``SolidArea``).
    public var solidArea: Double
    /// Share of the border an edit filled with one flat colour (``BorderFill``): a rotation's
    /// corner wedges, letterbox bars, padding.
    public var borderFill: Double
    /// IJG quality of a JPEG file's tables.
    public var jpegQuality: Int?
    /// Bits per sample in the file.
    public var bitDepth: Int?
    /// Palette entries of an indexed PNG or GIF.
    public var paletteEntries: Int?
    /// Colours used, counted up to 65,536 on native pixels of lossless files; nil for lossy files.
    public var distinctColours: Int?
    /// For a lossless file carrying a JPEG's quantisation lattice (``JPEGGhost``): the IJG quality
    /// that JPEG had. Nil when no trace was found.
    public var reencodedJPEGQuality: Int?
    /// The BRISQUE score (``BRISQUEModel``) of the pixels, in BRISQUE's own convention: about 0 for
    /// a pristine natural photograph to 100 for a badly distorted one, **lower is better**. Nil when
    /// the model is not installed or the image is too small or flat for it. See ``naturalness``.
    public var brisque: Double?

    /// Measures `pixels`, already fitted into ``analysisSide``; the file facts start empty.
    public init(measuring pixels: PixelBuffer, width: Int, height: Int, format: ImageFormat?) {
        self.width = width
        self.height = height
        self.format = format
        let grey = GreyImage(pixels)
        let tiles = TileStatistics(grey)
        (sharpness, relativeSharpness) = TiledSharpness.measure(tiles)
        noise = NoiseEstimate.sigma(tiles)
        motionBlur = MotionBlur.measure(grey)
        let tone = ToneStatistics(pixels)
        meanLuminance = tone.meanLuminance
        contrast = tone.contrast
        shadowClipping = tone.shadowClipping
        highlightClipping = tone.highlightClipping
        entropy = tone.entropy
        toneGaps = tone.toneGaps
        toneSpikes = tone.toneSpikes
        colourfulness = Colourfulness.measure(pixels)
        solidArea = SolidArea.share(pixels)
        borderFill = BorderFill.share(pixels)
    }

    /// Width × height / 10⁶.
    public var megapixels: Double { Double(width * height) / 1_000_000 }

    /// Whether the colours were reduced to a palette: an indexed file, or at most 256 colours
    /// counted in a colour image (a grey image has at most 256 by nature).
    public var isPaletteReduced: Bool {
        paletteEntries != nil || (distinctColours.map { $0 <= 256 } ?? false) && colourfulness >= 3
    }

    /// 100 − ``brisque``: the same no-reference judgement turned so that **higher is more natural**,
    /// like every other score here. Nil when ``brisque`` is.
    public var naturalness: Double? { brisque.map { 100 - $0 } }

    /// The JPEG quality the pixels went through: the file's own, or the one traced in a lossless re-encode.
    public var effectiveJPEGQuality: Int? { jpegQuality ?? reencodedJPEGQuality }

    private enum CodingKeys: String, CodingKey {
        case width, height, format, sharpness, relativeSharpness, motionBlur, noise, meanLuminance, contrast, shadowClipping, highlightClipping
        case entropy, toneGaps, toneSpikes, colourfulness, solidArea, borderFill, jpegQuality, bitDepth, paletteEntries, distinctColours, reencodedJPEGQuality
        case brisque, naturalness, overall, issues
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        width = try c.decode(Int.self, forKey: .width)
        height = try c.decode(Int.self, forKey: .height)
        format = try c.decodeIfPresent(ImageFormat.self, forKey: .format)
        sharpness = try c.decode(Double.self, forKey: .sharpness)
        relativeSharpness = try c.decode(Double.self, forKey: .relativeSharpness)
        motionBlur = try c.decode(Double.self, forKey: .motionBlur)
        noise = try c.decode(Double.self, forKey: .noise)
        meanLuminance = try c.decode(Double.self, forKey: .meanLuminance)
        contrast = try c.decode(Double.self, forKey: .contrast)
        shadowClipping = try c.decode(Double.self, forKey: .shadowClipping)
        highlightClipping = try c.decode(Double.self, forKey: .highlightClipping)
        entropy = try c.decode(Double.self, forKey: .entropy)
        toneGaps = try c.decode(Double.self, forKey: .toneGaps)
        toneSpikes = try c.decode(Double.self, forKey: .toneSpikes)
        colourfulness = try c.decode(Double.self, forKey: .colourfulness)
        solidArea = try c.decode(Double.self, forKey: .solidArea)
        borderFill = try c.decode(Double.self, forKey: .borderFill)
        jpegQuality = try c.decodeIfPresent(Int.self, forKey: .jpegQuality)
        bitDepth = try c.decodeIfPresent(Int.self, forKey: .bitDepth)
        paletteEntries = try c.decodeIfPresent(Int.self, forKey: .paletteEntries)
        distinctColours = try c.decodeIfPresent(Int.self, forKey: .distinctColours)
        reencodedJPEGQuality = try c.decodeIfPresent(Int.self, forKey: .reencodedJPEGQuality)
        brisque = try c.decodeIfPresent(Double.self, forKey: .brisque)
    }

    /// Encodes the measures with ``naturalness``, ``overall`` and ``issues`` (derived, so never stale when read back).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encode(sharpness, forKey: .sharpness)
        try c.encode(relativeSharpness, forKey: .relativeSharpness)
        try c.encode(motionBlur, forKey: .motionBlur)
        try c.encode(noise, forKey: .noise)
        try c.encode(meanLuminance, forKey: .meanLuminance)
        try c.encode(contrast, forKey: .contrast)
        try c.encode(shadowClipping, forKey: .shadowClipping)
        try c.encode(highlightClipping, forKey: .highlightClipping)
        try c.encode(entropy, forKey: .entropy)
        try c.encode(toneGaps, forKey: .toneGaps)
        try c.encode(toneSpikes, forKey: .toneSpikes)
        try c.encode(colourfulness, forKey: .colourfulness)
        try c.encode(solidArea, forKey: .solidArea)
        try c.encode(borderFill, forKey: .borderFill)
        try c.encodeIfPresent(jpegQuality, forKey: .jpegQuality)
        try c.encodeIfPresent(bitDepth, forKey: .bitDepth)
        try c.encodeIfPresent(paletteEntries, forKey: .paletteEntries)
        try c.encodeIfPresent(distinctColours, forKey: .distinctColours)
        try c.encodeIfPresent(reencodedJPEGQuality, forKey: .reencodedJPEGQuality)
        try c.encodeIfPresent(brisque, forKey: .brisque)
        try c.encodeIfPresent(naturalness, forKey: .naturalness)
        try c.encode(overall, forKey: .overall)
        try c.encode(issues, forKey: .issues)
    }
}
