/// How a decoded image is sized.
public enum TargetSize: Sendable, Hashable {
    /// Fit inside `width × height`, keeping the aspect ratio.
    case fit(width: Int, height: Int)
    /// Exactly `width × height`, aspect ratio ignored (hashes use this).
    case squash(width: Int, height: Int)
    /// Scale the short side to fit, then cut the centre to exactly `width × height`.
    case centreCrop(width: Int, height: Int)

    /// Requested width and height.
    public var dimensions: (width: Int, height: Int) {
        switch self {
        case .fit(let w, let h), .squash(let w, let h), .centreCrop(let w, let h): (w, h)
        }
    }

    /// The mode number the C shim understands.
    var shimMode: Int32 {
        switch self {
        case .fit: 0
        case .squash: 1
        case .centreCrop: 2
        }
    }
}

/// Which channels of the decoded pixels the caller reads.
public enum DecodeChannels: Sendable, Hashable {
    /// Full sRGB colour.
    case colour
    /// Only luma (BT.601, as ``GreyImage`` computes it): the decoder may skip colour and return
    /// grey in all three channels. JPEGs then decode their Y channel alone; other formats still
    /// come back in colour.
    case luma
}

/// Decoder settings.
public struct DecodeConfiguration: Sendable, Hashable {
    /// Largest accepted `width × height × pages`; larger images are rejected before any pixel is decoded.
    /// Default 178,956,970, the cap Pillow uses for its decompression-bomb error.
    public var maxPixels: Int
    /// Decode JPEGs with libjpeg directly instead of through libvips (default true): the same
    /// DCT-scaled pixels without libvips' load pipeline, and luma alone when ``DecodeChannels/luma``
    /// is asked. CMYK files and files libjpeg warns about still go through libvips.
    public var directJPEG: Bool
    /// Decode 8-bit PNGs directly (default true): the image data inflated whole by libdeflate and
    /// unfiltered straight into the image libvips resizes (or ``ImageDecoder/open(_:path:)``
    /// holds), giving the very samples libvips' loader gives without libpng's row-by-row pipeline.
    /// Other PNGs (palettes, transparency chunks, colour profiles, 16-bit, interlaced, or damaged
    /// files, and images above ``ImageDecoder/largestHeld`` pixels, which the direct path would
    /// hold whole twice) still go through libvips.
    public var directPNG: Bool

    public init(maxPixels: Int = 178_956_970, directJPEG: Bool = true, directPNG: Bool = true) {
        self.maxPixels = maxPixels
        self.directJPEG = directJPEG
        self.directPNG = directPNG
    }
}
