import LikenessCore

/// A normalised HSV colour histogram with a separate grey axis, so it means the same thing for
/// colour photos and for greyscale images such as Fashion-MNIST.
///
/// Definition, per pixel of 8-bit sRGB (r, g, b):
/// - V = max(r, g, b) / 255, S = (max − min) / max (0 when max is 0), H the hue in degrees [0, 360).
/// - **Achromatic** pixels, S < 0.2 or V < 0.2 (greys, near-greys and near-black), fall into one of
///   16 grey bins by value: `min(15, ⌊16 V⌋)`. These are bins 0–15.
/// - **Chromatic** pixels fall into 8 hue × 3 saturation × 3 value bins (72 bins, 16–87): hue bin
///   `⌊(H + 22.5) / 45⌋ mod 8` (bins centred on red, orange, …, so reds near 0° and 360° share one),
///   saturation bin `min(2, ⌊3 (S − 0.2) / 0.8⌋)`, value bin `min(2, ⌊3 (V − 0.2) / 0.8⌋)`, at index
///   `16 + (hue · 3 + saturation) · 3 + value`.
/// - Counts are divided by the number of pixels, so the 88 bins sum to 1.
///
/// A greyscale image fills only the 16 grey bins: its histogram is then an intensity histogram.
/// ``vector(_:)`` returns the square roots of the bins (the Hellinger embedding), a unit vector whose
/// cosine with another is the Bhattacharyya coefficient of the two histograms.
public struct ColorHistogram: Sendable {
    /// Grey bins for achromatic pixels.
    public static let greyBins = 16
    /// Hue, saturation and value bins for chromatic pixels.
    public static let hueBins = 8, saturationBins = 3, valueBins = 3
    /// Pixels with saturation or value below this are achromatic.
    public static let chromaticFloor: Float = 0.2
    /// Length of the histogram: 16 + 8 · 3 · 3 = 88.
    public static let binCount = greyBins + hueBins * saturationBins * valueBins

    public init() {}

    /// The bin of one pixel, in 0..<``binCount``.
    public static func bin(r: UInt8, g: UInt8, b: UInt8) -> Int {
        let top = max(r, g, b), bottom = min(r, g, b)
        let v = Float(top) / 255
        let s: Float = top > 0 ? Float(top - bottom) / Float(top) : 0
        guard s >= chromaticFloor, v >= chromaticFloor else { return min(greyBins - 1, Int(v * Float(greyBins))) }
        let (fr, fg, fb, delta) = (Float(r), Float(g), Float(b), Float(top - bottom))
        var hue: Float
        if top == r { hue = 60 * (fg - fb) / delta } else if top == g { hue = 120 + 60 * (fb - fr) / delta } else { hue = 240 + 60 * (fr - fg) / delta }
        if hue < 0 { hue += 360 }
        let h = Int((hue + 180 / Float(hueBins)) / (360 / Float(hueBins))) % hueBins
        let sat = min(saturationBins - 1, Int(Float(saturationBins) * (s - chromaticFloor) / (1 - chromaticFloor)))
        let val = min(valueBins - 1, Int(Float(valueBins) * (v - chromaticFloor) / (1 - chromaticFloor)))
        return greyBins + (h * saturationBins + sat) * valueBins + val
    }

    /// The normalised histogram of every pixel: ``binCount`` shares that sum to 1.
    public func histogram(_ pixels: PixelBuffer) -> [Float] {
        var counts = [Int](repeating: 0, count: Self.binCount)
        pixels.bytes.withUnsafeBufferPointer { rgb in
            for i in 0..<(pixels.width * pixels.height) {
                counts[Self.bin(r: rgb[3 * i], g: rgb[3 * i + 1], b: rgb[3 * i + 2])] += 1
            }
        }
        let total = Float(pixels.width * pixels.height)
        return counts.map { Float($0) / total }
    }

    /// The square root of each bin: a unit vector for cosine comparison (Bhattacharyya coefficient).
    public func vector(_ pixels: PixelBuffer) -> [Float] {
        histogram(pixels).map { $0.squareRoot() }
    }
}
