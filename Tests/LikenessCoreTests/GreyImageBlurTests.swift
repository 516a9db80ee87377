import Foundation
import LikenessCore
import Testing

/// The Gaussian blur against a plain per-pixel oracle, to the bit: local features and hashes
/// are stored, so a faster blur must give exactly the values of the straightforward one.
@Suite struct GreyImageBlurTests {
    /// Seeded grey values in [0, 255] with fractional parts, as luma and resampled levels have.
    static func noise(width: Int, height: Int, seed: UInt64) -> GreyImage {
        var random = SeededRandom(seed: seed)
        return GreyImage(width: width, height: height, values: (0..<(width * height)).map { _ in Float(random.nextUnit() * 255) })
    }

    /// The definition: a separable kernel over ±⌈3σ⌉ (at least ±1), normalised in Double; each pass
    /// sums its taps from the most negative offset up, in Double, with coordinates clamped to the image.
    static func reference(_ image: GreyImage, sigma: Double) -> [Float] {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let (w, h) = (image.width, image.height)
        var middle = [Float](repeating: 0, count: w * h), out = middle
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0.0
                for k in -radius...radius { sum += kernel[k + radius] * Double(image.values[y * w + min(w - 1, max(0, x + k))]) }
                middle[y * w + x] = Float(sum)
            }
        }
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0.0
                for k in -radius...radius { sum += kernel[k + radius] * Double(middle[min(h - 1, max(0, y + k)) * w + x]) }
                out[y * w + x] = Float(sum)
            }
        }
        return out
    }

    @Test("blurred(sigma:) equals the per-pixel definition bit for bit, at every size against the kernel",
          arguments: [(0, 4), (4, 0), (1, 1), (3, 5), (13, 13), (14, 9), (9, 14), (25, 26), (37, 100), (200, 150), (383, 287)])
    func matchesDefinition(width: Int, height: Int) {
        let image = Self.noise(width: width, height: height, seed: UInt64(width * 1000 + height))
        for sigma in [0.3, 0.8, 1, 2, 3.7] {
            let fast = image.blurred(sigma: sigma).values.map(\.bitPattern)
            let plain = Self.reference(image, sigma: sigma).map(\.bitPattern)
            #expect(fast == plain, "\(width)×\(height), σ \(sigma): \(zip(fast, plain).filter { $0 != $1 }.count) values differ")
        }
    }

    @Test("a flat image stays flat and a step stays in range")
    func flatAndStep() {
        let flat = GreyImage(width: 40, height: 30, values: Array(repeating: 77, count: 1200))
        #expect(flat.blurred(sigma: 2).values.allSatisfy { abs($0 - 77) < 1e-4 })
        let step = GreyImage(width: 40, height: 30, values: (0..<1200).map { $0 % 40 < 20 ? 0 : 255 })
        #expect(step.blurred(sigma: 2).values.allSatisfy { $0 >= 0 && $0 <= 255.0001 })
    }
}
