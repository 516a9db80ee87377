import Foundation
import LikenessCore

/// Radial variance hash: the variance of brightness along 180 lines through the centre (a Radon
/// projection), compressed by a DCT to 40 coefficients scaled to 0…255. Compared by peak
/// cross-correlation, which tolerates the small rotations that shift the projection.
///
/// Reference: De Roover, De Vleeschouwer, Lefèbvre and Macq, "Robust video hashing based on radial
/// projections of key frames" (2005); the pHash library's `ph_image_digest`; OpenCV
/// `img_hash::RadialVarianceHash` (σ = 1, 180 lines). Likeness works on a 128×128 thumbnail.
public struct RadialVarianceHash: FeatureHasher {
    public let lines: Int
    public let coefficients: Int
    public let sigma: Double
    public var method: FeatureMethod { .radialVariance }
    public var inputSize: (width: Int, height: Int) { (128, 128) }
    public var readsColour: Bool { false }

    public init(lines: Int = 180, coefficients: Int = 40, sigma: Double = 1) throws(HashParameterError) {
        guard lines >= 8, coefficients >= 2, coefficients <= lines, sigma > 0 else {
            throw HashParameterError(method: "radial", message: "need lines ≥ 8, 2 ≤ coefficients ≤ lines, sigma > 0")
        }
        self.lines = lines
        self.coefficients = coefficients
        self.sigma = sigma
    }

    public func features(_ pixels: PixelBuffer) -> FeatureHash {
        let grey = GreyImage(pixels).blurred(sigma: sigma)
        let (w, h) = (grey.width, grey.height)
        let (cx, cy) = (Double(w) / 2, Double(h) / 2)
        let reach = Int((Double(min(w, h)) / 2).rounded(.down))
        var variances = [Double](repeating: 0, count: lines)
        for k in 0..<lines {
            let theta = Double.pi * Double(k) / Double(lines)
            let (c, s) = (cos(theta), sin(theta))
            var sum = 0.0, squares = 0.0, n = 0.0
            for d in -reach...reach {
                let x = Int((cx + Double(d) * c).rounded(.down)), y = Int((cy + Double(d) * s).rounded(.down))
                guard x >= 0, x < w, y >= 0, y < h else { continue }
                let v = Double(grey[x, y])
                sum += v; squares += v * v; n += 1
            }
            variances[k] = n > 0 ? squares / n - (sum / n) * (sum / n) : 0
        }
        // DCT-II of the projection variances, first `coefficients` terms.
        let dct = (0..<coefficients).map { u -> Double in
            var total = 0.0
            for i in 0..<lines { total += variances[i] * cos(Double.pi * Double(u) * (2 * Double(i) + 1) / (2 * Double(lines))) }
            return total * (u == 0 ? (1 / Double(lines)).squareRoot() : (2 / Double(lines)).squareRoot())
        }
        let (low, high) = (dct.min()!, dct.max()!)
        let scaled = dct.map { high > low ? (255 * ($0 - low) / (high - low)).rounded() : 0 }
        return FeatureHash(method: .radialVariance, values: scaled)
    }
}
