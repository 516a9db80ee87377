import Foundation
import LikenessCore

/// Separable Gaussian blur of a grey image, edges clamped.
enum GaussianBlur {
    /// Blurs with standard deviation `sigma`; the kernel spans ±3σ (at least ±1 pixel).
    static func apply(_ image: GreyImage, sigma: Double) -> GreyImage {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let (w, h) = (image.width, image.height)
        var horizontal = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0.0
                for k in -radius...radius { sum += kernel[k + radius] * Double(image[min(w - 1, max(0, x + k)), y]) }
                horizontal[y * w + x] = Float(sum)
            }
        }
        var out = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0.0
                for k in -radius...radius { sum += kernel[k + radius] * Double(horizontal[min(h - 1, max(0, y + k)) * w + x]) }
                out[y * w + x] = Float(sum)
            }
        }
        return GreyImage(width: w, height: h, values: out)
    }
}
