import Foundation
import LikenessCore

/// Colour moment hash: the seven Hu moment invariants of each channel of the image in HSV and in
/// YCrCb, 42 numbers in all, compared by Euclidean distance. Robust to rotation and scaling, weak
/// on colour changes.
///
/// Reference: Tang, Dai and Zhang, "Perceptual hashing for color images using invariant moments"
/// (2012); OpenCV `img_hash::ColorMomentHash` (512×512, 3×3 Gaussian, 8-bit HSV with H in 0…180
/// and 8-bit YCrCb). Hu moments: Hu, "Visual pattern recognition by moment invariants" (1962).
public struct ColorMomentHash: FeatureHasher {
    public var method: FeatureMethod { .colorMoments }
    public var inputSize: (width: Int, height: Int) { (512, 512) }

    public init() {}

    public func features(_ pixels: PixelBuffer) -> FeatureHash {
        let (w, h) = (pixels.width, pixels.height)
        var channels = [[Float]](repeating: [Float](repeating: 0, count: w * h), count: 6)
        for i in 0..<(w * h) {
            let (r, g, b) = (Float(pixels.bytes[3 * i]), Float(pixels.bytes[3 * i + 1]), Float(pixels.bytes[3 * i + 2]))
            let hsv = Self.hsv(r, g, b)
            let y = 0.299 * r + 0.587 * g + 0.114 * b
            channels[0][i] = hsv.h; channels[1][i] = hsv.s; channels[2][i] = hsv.v
            channels[3][i] = y
            channels[4][i] = max(0, min(255, (r - y) * 0.713 + 128))
            channels[5][i] = max(0, min(255, (b - y) * 0.564 + 128))
        }
        // OpenCV blurs the RGB image with a 3×3 kernel (σ 0.8) before converting; blurring each
        // converted channel instead differs only where hue wraps around.
        let values = channels.flatMap { channel in
            Self.huMoments(GaussianBlur.apply(GreyImage(width: w, height: h, values: channel), sigma: 0.8))
        }
        return FeatureHash(method: .colorMoments, values: values)
    }

    /// 8-bit HSV as OpenCV computes it: H in [0, 180), S and V in [0, 255].
    static func hsv(_ r: Float, _ g: Float, _ b: Float) -> (h: Float, s: Float, v: Float) {
        let v = max(r, g, b), mn = min(r, g, b), delta = v - mn
        let s = v > 0 ? 255 * delta / v : 0
        var hue: Float = 0
        if delta > 0 {
            if v == r { hue = 60 * (g - b) / delta } else if v == g { hue = 120 + 60 * (b - r) / delta } else { hue = 240 + 60 * (r - g) / delta }
            if hue < 0 { hue += 360 }
        }
        return (hue / 2, s, v)
    }

    /// The seven Hu invariants of an intensity image.
    static func huMoments(_ image: GreyImage) -> [Double] {
        var m00 = 0.0, m10 = 0.0, m01 = 0.0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let v = Double(image[x, y])
                m00 += v; m10 += Double(x) * v; m01 += Double(y) * v
            }
        }
        guard m00 > 0 else { return Array(repeating: 0, count: 7) }
        let (cx, cy) = (m10 / m00, m01 / m00)
        var mu = [[Double]](repeating: [0, 0, 0, 0], count: 4) // mu[p][q], p + q ≤ 3
        for y in 0..<image.height {
            let dy = Double(y) - cy
            for x in 0..<image.width {
                let v = Double(image[x, y])
                guard v != 0 else { continue }
                let dx = Double(x) - cx
                let (dx2, dy2) = (dx * dx, dy * dy)
                mu[2][0] += dx2 * v; mu[0][2] += dy2 * v; mu[1][1] += dx * dy * v
                mu[3][0] += dx2 * dx * v; mu[0][3] += dy2 * dy * v
                mu[2][1] += dx2 * dy * v; mu[1][2] += dx * dy2 * v
            }
        }
        func eta(_ p: Int, _ q: Int) -> Double { mu[p][q] / pow(m00, 1 + Double(p + q) / 2) }
        let (n20, n02, n11, n30, n03, n21, n12) = (eta(2, 0), eta(0, 2), eta(1, 1), eta(3, 0), eta(0, 3), eta(2, 1), eta(1, 2))
        let a = n30 + n12, b = n21 + n03
        return [
            n20 + n02,
            (n20 - n02) * (n20 - n02) + 4 * n11 * n11,
            (n30 - 3 * n12) * (n30 - 3 * n12) + (3 * n21 - n03) * (3 * n21 - n03),
            a * a + b * b,
            (n30 - 3 * n12) * a * (a * a - 3 * b * b) + (3 * n21 - n03) * b * (3 * a * a - b * b),
            (n20 - n02) * (a * a - b * b) + 4 * n11 * a * b,
            (3 * n21 - n03) * a * (a * a - 3 * b * b) - (n30 - 3 * n12) * b * (3 * a * a - b * b),
        ]
    }
}
