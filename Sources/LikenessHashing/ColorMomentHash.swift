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
    public var readsColour: Bool { true }

    public init() {}

    public func features(_ pixels: PixelBuffer) -> FeatureHash {
        let (w, h) = (pixels.width, pixels.height)
        // Six planes in one buffer: H, S, V, Y, Cr, Cb.
        var planes = [Float](repeating: 0, count: 6 * w * h)
        let n = w * h
        planes.withUnsafeMutableBufferPointer { out in
            pixels.bytes.withUnsafeBufferPointer { rgb in
                for i in 0..<n {
                    let (r, g, b) = (Float(rgb[3 * i]), Float(rgb[3 * i + 1]), Float(rgb[3 * i + 2]))
                    let hsv = Self.hsv(r, g, b)
                    let y = 0.299 * r + 0.587 * g + 0.114 * b
                    out[i] = hsv.h; out[n + i] = hsv.s; out[2 * n + i] = hsv.v
                    out[3 * n + i] = y
                    out[4 * n + i] = max(0, min(255, (r - y) * 0.713 + 128))
                    out[5 * n + i] = max(0, min(255, (b - y) * 0.564 + 128))
                }
            }
        }
        let channels = (0..<6).map { Array(planes[($0 * n)..<(($0 + 1) * n)]) }
        // OpenCV blurs the RGB image with a 3×3 kernel (σ 0.8) before converting; blurring each
        // converted channel instead differs only where hue wraps around.
        let values = channels.flatMap { channel in
            Self.huMoments(GreyImage(width: w, height: h, values: channel).blurred(sigma: 0.8))
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
        let (w, h) = (image.width, image.height)
        var m00 = 0.0, m10 = 0.0, m01 = 0.0
        // Central moments μpq for p + q ≤ 3, in scalars (this loop runs over every pixel).
        var mu20 = 0.0, mu02 = 0.0, mu11 = 0.0, mu30 = 0.0, mu03 = 0.0, mu21 = 0.0, mu12 = 0.0
        image.values.withUnsafeBufferPointer { values in
            for y in 0..<h {
                var row = 0.0, rowX = 0.0
                for x in 0..<w {
                    let v = Double(values[y * w + x])
                    row += v; rowX += Double(x) * v
                }
                m00 += row; m10 += rowX; m01 += Double(y) * row
            }
            guard m00 > 0 else { return }
            let (cx, cy) = (m10 / m00, m01 / m00)
            for y in 0..<h {
                let dy = Double(y) - cy, dy2 = dy * dy
                for x in 0..<w {
                    let v = Double(values[y * w + x])
                    let dx = Double(x) - cx
                    let (dxv, dx2v) = (dx * v, dx * dx * v)
                    mu20 += dx2v; mu02 += dy2 * v; mu11 += dy * dxv
                    mu30 += dx * dx2v; mu03 += dy2 * dy * v
                    mu21 += dy * dx2v; mu12 += dy2 * dxv
                }
            }
        }
        guard m00 > 0 else { return Array(repeating: 0, count: 7) }
        func eta(_ mu: Double, _ order: Int) -> Double { mu / pow(m00, 1 + Double(order) / 2) }
        let (n20, n02, n11) = (eta(mu20, 2), eta(mu02, 2), eta(mu11, 2))
        let (n30, n03, n21, n12) = (eta(mu30, 3), eta(mu03, 3), eta(mu21, 3), eta(mu12, 3))
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
