import Foundation
import LikenessCore
@testable import LikenessMatching
import LikenessTestSupport
import Testing

/// Pinned extraction output: speed work on FAST, the blur or the descriptors must not change a bit
/// of what is found (stored features of an older version would otherwise disagree with new ones).
@Suite struct FeatureGoldenTests {
    @Test("local features of seeded fixtures are pinned, byte for byte", arguments: [(UInt64(21), 0), (UInt64(5), 1)])
    func pinned(seed: UInt64, kind: Int) {
        let pixels = kind == 0 ? Fixtures.rectangles(width: 384, height: 288, seed: seed) : Fixtures.rectangles(width: 256, height: 384, count: 200, seed: seed)
        let features = LocalFeatureExtractor().features(of: GreyImage(pixels))
        let digest = SHA256.hash(features.encoded()).hex
        #expect(!features.features.isEmpty)
        #expect("\(features.features.count) \(digest)" == Self.expected[kind])
    }

    static let expected = [
        "362 9311bf8ed41f5b543da6175c737440d7dc75e1e6d77016af878450ff177cd32f",
        "400 93295eda290cd6aa25453ec2c74c312cfcb99794a1774e0f28a2b56d42c13dd4",
    ]
}
