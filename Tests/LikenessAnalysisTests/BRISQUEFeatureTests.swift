import Foundation
@testable import LikenessAnalysis
import LikenessCore
import LikenessTestSupport
import Testing

/// BRISQUE's feature pipeline on synthetic inputs; the values against the reference package are
/// pinned in LikenessEngineTests/BRISQUEReferenceTests.swift.
@Suite struct BRISQUEFeatureTests {
    @Test("the halved scale rounds odd sides half to even, as OpenCV's resize does (413 → 206, 357 → 178)")
    func halvedSize() {
        let plane = BRISQUE.Plane(width: 413, height: 357, values: [Double](repeating: 0.5, count: 413 * 357))
        let half = plane.halved()
        #expect(half.width == 206 && half.height == 178)
        // Bicubic weights sum to 1, so a flat plane stays flat, edges included.
        #expect(half.values.allSatisfy { abs($0 - 0.5) < 1e-12 })
    }

    @Test("the 7 × 7 window sums to 1 and MSCN of a flat plane is 0 inside, away from the zero padding")
    func window() {
        #expect(abs(BRISQUE.Plane.window.reduce(0, +) - 1) < 1e-15)
        let mscn = BRISQUE.Plane(width: 20, height: 20, values: [Double](repeating: 0.4, count: 400)).mscn()
        #expect(abs(mscn.values[10 * 20 + 10]) < 1e-9)
    }

    @Test("36 features for a textured image; none for a flat or a tiny one")
    func featureCount() throws {
        let texture = Fixtures.texture(width: 120, height: 90, seed: 5)
        #expect(try #require(BRISQUE.features(texture)).count == BRISQUE.featureCount)
        #expect(BRISQUE.features(PixelBuffer(width: 12, height: 40, bytes: [UInt8](repeating: 9, count: 12 * 40 * 3))) == nil)
        // A black image: MSCN 0 everywhere (even against the zero padding), no distribution to fit.
        let flat = PixelBuffer(width: 64, height: 64, bytes: [UInt8](repeating: 0, count: 64 * 64 * 3))
        #expect(BRISQUE.features(flat) == nil)
    }

    @Test("the row-by-row convolution gives, bit for bit, each pixel's sum of tap products in tap order, edges and narrow planes included",
          arguments: [(37, 23), (5, 9), (1, 4), (7, 7)])
    func convolutionOrder(size: (width: Int, height: Int)) {
        var generator = SeededRandom(seed: UInt64(size.width * 100 + size.height))
        let field = (0..<size.width * size.height).map { _ in generator.nextUnit() }
        let plane = BRISQUE.Plane(width: size.width, height: size.height, values: field)
        let taps = BRISQUE.Plane.window
        let (w, h) = size
        // The oracle: rows then columns, each output summed from zero over its taps in order.
        var across = [Double](repeating: 0, count: field.count)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0.0
                for k in -3...3 where x + k >= 0 && x + k < w { sum += taps[k + 3] * field[y * w + x + k] }
                across[y * w + x] = sum
            }
        }
        var expected = [Double](repeating: 0, count: field.count)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0.0
                for k in -3...3 where y + k >= 0 && y + k < h { sum += taps[k + 3] * across[(y + k) * w + x] }
                expected[y * w + x] = sum
            }
        }
        #expect(plane.convolved(field) == expected)
    }
}
