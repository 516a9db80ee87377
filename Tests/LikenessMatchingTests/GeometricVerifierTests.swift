import Foundation
import LikenessCore
import LikenessImaging
@testable import LikenessMatching
import LikenessTestSupport
import Testing

@Suite struct GeometricVerifierTests {
    let extractor = LocalFeatureExtractor()
    let verifier = GeometricVerifier()

    func features(_ pixels: PixelBuffer) -> LocalFeatures { extractor.features(of: GreyImage(pixels)) }

    @Test("descriptors: Hamming distance counts differing bits")
    func hamming() {
        let a = BinaryDescriptor(0, 0, 0, 0), b = BinaryDescriptor(0b1011, 0, 1 << 63, UInt64.max)
        #expect(a.distance(to: b) == 3 + 1 + 64)
        #expect(b.distance(to: b) == 0)
    }

    @Test("FAST finds the corners of a bright square and nothing on a flat image")
    func fastCorners() {
        var square = GreyImage(width: 64, height: 64, values: Array(repeating: 20, count: 64 * 64))
        for y in 20..<44 { for x in 20..<44 { square[x, y] = 220 } }
        let corners = FASTCorners.detect(square, threshold: 20, margin: 4)
        #expect(corners.count >= 4)
        for (cx, cy) in [(20, 20), (43, 20), (20, 43), (43, 43)] {
            #expect(corners.contains { abs($0.x - cx) <= 2 && abs($0.y - cy) <= 2 }, "corner near (\(cx), \(cy))")
        }
        #expect(corners.allSatisfy { c in [(20, 20), (43, 20), (20, 43), (43, 43)].contains { abs(c.x - $0.0) <= 3 && abs(c.y - $0.1) <= 3 } })
        #expect(FASTCorners.detect(GreyImage(width: 64, height: 64, values: Array(repeating: 90, count: 64 * 64)), threshold: 20, margin: 4).isEmpty)
    }

    @Test("an identical copy matches itself with every feature and the identity transform")
    func identity() throws {
        let image = features(Fixtures.rectangles(width: 320, height: 240, seed: 3))
        #expect(image.features.count > 50)
        let match = verifier.match(image, image)
        #expect(match.inliers >= image.features.count * 9 / 10)
        #expect(abs(match.scale - 1) < 0.01 && abs(match.rotation) < 0.01)
    }

    @Test("a turned copy, a crop and a brighter copy agree on one geometry; a different image does not",
          arguments: [ImageEdit.quarterTurn(1), .rotate(degrees: 10), .crop(fraction: 0.6), .exposure(ev: 1), .resize(fraction: 0.5)])
    func editedCopies(edit: ImageEdit) throws {
        let original = Fixtures.rectangles(width: 320, height: 240, seed: 5)
        let edited = try ImageEditor().apply(edit, to: original)
        let match = verifier.match(features(edited), features(original))
        let other = verifier.match(features(Fixtures.rectangles(width: 320, height: 240, seed: 6)), features(original))
        #expect(match.inliers >= 20, "\(edit): \(match)")
        #expect(other.inliers < 8, "unrelated: \(other)")
        if case .quarterTurn = edit { #expect(abs(abs(match.rotation) - .pi / 2) < 0.05, "\(match)") }
        if case .resize = edit { #expect(abs(match.scale - 2) < 0.1, "\(match)") }
    }

    @Test("overlap: a crop lies wholly inside its original and covers much of it; an object pasted small into a larger scene covers little of the scene")
    func overlap() throws {
        let original = Fixtures.rectangles(width: 320, height: 240, seed: 5)
        let crop = verifier.match(features(try ImageEditor().apply(.crop(fraction: 0.8), to: original)), features(original))
        #expect(crop.overlap.first > 0.95 && crop.overlap.second > 0.5 && crop.overlap.second < 0.8, "\(crop)")
        let same = verifier.match(features(original), features(original))
        #expect(same.overlap.first > 0.95 && same.overlap.second > 0.95, "\(same)")

        let object = try ImageEditor().resized(original, to: .fit(width: 160, height: 120))
        let scene = Fixtures.pasted(object, into: Fixtures.pattern(width: 640, height: 480, seed: 11), x: 300, y: 200)
        let found = verifier.match(features(object), features(scene))
        #expect(found.inliers >= 8, "the object is found in the scene: \(found)")
        #expect(found.overlap.first > 0.9 && found.overlap.second < 0.2, "\(found)")
    }

    @Test("the test pattern is fixed by its seed")
    func patternIsSeeded() {
        let image = GreyImage(Fixtures.rectangles(width: 200, height: 160, seed: 9))
        #expect(extractor.features(of: image).features.map(\.descriptor) == LocalFeatureExtractor().features(of: image).features.map(\.descriptor))
    }
}
