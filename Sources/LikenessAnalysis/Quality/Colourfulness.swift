import LikenessCore

/// Colourfulness as Hasler and Süsstrunk measured it ("Measuring colourfulness in natural images", 2003).
///
/// With rg = R − G and yb = (R + G)/2 − B, M = √(σ²rg + σ²yb) + 0.3 √(μ²rg + μ²yb). About 0 for a
/// grey image, 15–33 "slightly" to "moderately" colourful, above 59 "extremely".
public enum Colourfulness {
    public static func measure(_ pixels: PixelBuffer) -> Double {
        var sumRG = 0.0, sumYB = 0.0, squaresRG = 0.0, squaresYB = 0.0
        pixels.bytes.withUnsafeBufferPointer { p in
            var i = 0
            // Rows in floats, folded into doubles, to keep precision on large images.
            while i < p.count {
                let end = min(p.count, i + 3 * 4096)
                var sRG: Float = 0, sYB: Float = 0, qRG: Float = 0, qYB: Float = 0
                while i < end {
                    let (r, g, b) = (Float(p[i]), Float(p[i + 1]), Float(p[i + 2]))
                    let rg = r - g, yb = (r + g) / 2 - b
                    sRG += rg; sYB += yb; qRG += rg * rg; qYB += yb * yb
                    i += 3
                }
                sumRG += Double(sRG); sumYB += Double(sYB); squaresRG += Double(qRG); squaresYB += Double(qYB)
            }
        }
        let n = Double(pixels.width * pixels.height)
        let (meanRG, meanYB) = (sumRG / n, sumYB / n)
        let variance = max(0, squaresRG / n - meanRG * meanRG) + max(0, squaresYB / n - meanYB * meanYB)
        return variance.squareRoot() + 0.3 * (meanRG * meanRG + meanYB * meanYB).squareRoot()
    }
}
