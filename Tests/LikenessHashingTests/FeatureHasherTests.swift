import Foundation
import LikenessCore
@testable import LikenessHashing
import LikenessImaging
import LikenessTestSupport
import Testing

/// The conformance suite for continuous hashes.
@Suite struct FeatureHasherTests {
    let editor: ImageEditor

    init() throws { editor = try ImageEditor() }

    func features(_ pixels: PixelBuffer, _ hasher: any FeatureHasher) throws -> FeatureHash {
        let (w, h) = hasher.inputSize
        return hasher.features(try editor.resized(pixels, to: .squash(width: w, height: h)))
    }

    func photo(_ seed: UInt64) -> PixelBuffer { Fixtures.pattern(width: 320, height: 240, seed: seed) }

    @Test("deterministic; identical images at distance 0", arguments: FeatureMethod.allCases)
    func identity(method: FeatureMethod) throws {
        let hasher = method.makeHasher()
        let a = try features(photo(1), hasher), b = try features(photo(1), hasher)
        #expect(a == b)
        #expect(abs(a.distance(to: b)) < 1e-9)
        #expect(a.method == method)
    }

    @Test("JPEG q90 and a 1° turn stay well below the duplicate threshold; unrelated photos lie beyond it on average",
          arguments: FeatureMethod.allCases)
    func separation(method: FeatureMethod) throws {
        let hasher = method.makeHasher()
        let original = photo(3)
        let jpeg = try editor.apply(.jpeg(quality: 90), to: original)
        let turned = try editor.rotated(original, degrees: 1)
        let base = try features(original, hasher)
        let near = [try features(jpeg, hasher), try features(turned, hasher)].map { base.distance(to: $0) }
        let others = try (10..<16).map { try features(photo(UInt64($0)), hasher) }
        var far: [Double] = []
        for i in 0..<others.count { for j in (i + 1)..<others.count { far.append(others[i].distance(to: others[j])) } }
        let meanFar = far.reduce(0, +) / Double(far.count)
        #expect(near.allSatisfy { $0 < method.defaultThreshold / 2 }, "\(method.rawValue): \(near)")
        #expect(meanFar > method.defaultThreshold, "\(method.rawValue): mean unrelated \(meanFar)")
    }

    @Test func huMomentsOfACentredSquareAreRotationInvariant() {
        var values = [Float](repeating: 0, count: 64 * 64)
        for y in 20..<44 { for x in 16..<48 { values[y * 64 + x] = 200 } }
        let image = GreyImage(width: 64, height: 64, values: values)
        var turned = [Float](repeating: 0, count: 64 * 64)
        for y in 0..<64 { for x in 0..<64 { turned[x * 64 + (63 - y)] = values[y * 64 + x] } }
        let a = ColorMomentHash.huMoments(image), b = ColorMomentHash.huMoments(GreyImage(width: 64, height: 64, values: turned))
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 + 1e-6 * abs($0) })
        // A 32×24 rectangle of intensity 200: φ1 = (μ20 + μ02) / m00², with the discrete
        // μ20 = 200 · h · w (w² − 1) / 12 and m00 = 200 · w · h, so φ1 = (w² − 1 + h² − 1) / (12 · 200 · w · h).
        #expect(abs(a[0] - (32.0 * 32 - 1 + 24 * 24 - 1) / (12 * 200 * 32 * 24)) < 1e-12)
    }

    @Test func crossCorrelationFindsTheShift() {
        let a: [Double] = [1, 5, 2, 8, 3, 7]
        let shifted = [7, 1, 5, 2, 8, 3.0]
        #expect(abs(FeatureHash.peakCrossCorrelation(a, shifted) - 1) < 1e-12)
    }

    @Test func opencvHSV() {
        #expect(ColorMomentHash.hsv(255, 0, 0) == (0, 255, 255))
        #expect(ColorMomentHash.hsv(0, 0, 255) == (120, 255, 255))
        #expect(ColorMomentHash.hsv(10, 10, 10) == (0, 0, 10))
    }

    @Test func invalidParametersThrow() {
        #expect(throws: HashParameterError.self) { try RadialVarianceHash(lines: 4) }
        #expect(throws: HashParameterError.self) { try RadialVarianceHash(coefficients: 200) }
    }
}
