import Foundation
import LikenessCore
@testable import LikenessMatching
import LikenessTestSupport
import Testing

/// The fast paths of local features against plain oracles written here: FAST corners, the arc
/// test and mutual matching must give exactly what the definitions give, since stored features
/// and the matches found from them must not change with speed work.
@Suite struct LocalFeatureOracleTests {
    /// A photo-like seeded texture: smooth random relief, fine grain and a few sharp-edged patches,
    /// with fractional values in [0, 255].
    static func texture(width: Int, height: Int, seed: UInt64) -> GreyImage {
        var random = SeededRandom(seed: seed)
        let coarse = GreyImage(width: width / 6 + 2, height: height / 6 + 2,
                               values: (0..<((width / 6 + 2) * (height / 6 + 2))).map { _ in Float(random.nextUnit() * 200 + 20) })
        var image = coarse.bilinear(width: width, height: height)
        for _ in 0..<12 {
            let (x0, y0) = (random.int(in: 0..<width - 8), random.int(in: 0..<height - 8))
            let (x1, y1) = (min(width, x0 + random.int(in: 4..<width / 3)), min(height, y0 + random.int(in: 4..<height / 3)))
            let level = Float(random.nextUnit() * 255)
            for y in y0..<y1 { for x in x0..<x1 { image[x, y] = level } }
        }
        for n in image.values.indices { image.values[n] = min(255, max(0, image.values[n] + Float(random.nextUnit() * 16 - 8))) }
        return image
    }

    /// Test images: textures, the rectangles fixture (flat areas, equal scores) and resampled levels.
    static func images() -> [GreyImage] {
        let a = texture(width: 160, height: 120, seed: 1), b = texture(width: 97, height: 131, seed: 2)
        let rectangles = GreyImage(Fixtures.rectangles(width: 200, height: 150, seed: 4))
        return [a, b, rectangles, a.bilinear(width: 123, height: 92), rectangles.bilinear(width: 154, height: 115)]
    }

    // MARK: FAST

    /// Whether 9 contiguous circle bits are set, by walking the circle twice.
    static func plainArc(_ set: [Bool]) -> Bool {
        var run = 0
        for k in 0..<32 { run = set[k % 16] ? run + 1 : 0; if run >= 9 { return true } }
        return false
    }

    /// FAST as defined: the compass pre-test, a 9-arc brighter (else darker) than the centre by
    /// more than the threshold, scored by the summed excess in circle order, then 3×3 non-maximum
    /// suppression with ties going to the first in raster order.
    static func referenceCorners(_ image: GreyImage, threshold t: Float, margin: Int) -> [FASTCorners.Corner] {
        let (w, h) = (image.width, image.height)
        guard w > 2 * margin, h > 2 * margin else { return [] }
        var scores = [Float](repeating: 0, count: w * h)
        for y in margin..<(h - margin) {
            for x in margin..<(w - margin) {
                let p = image[x, y]
                let ring = FASTCorners.circle.map { image[x + $0.dx, y + $0.dy] }
                let compass = [ring[0], ring[4], ring[8], ring[12]]
                guard compass.filter({ $0 > p + t }).count >= 2 || compass.filter({ $0 < p - t }).count >= 2 else { continue }
                let d = ring.map { $0 - p }
                var score: Float = 0
                if plainArc(d.map { $0 > t }) {
                    for k in 0..<16 { score += max(0, d[k] - t) }
                } else if plainArc(d.map { -$0 > t }) {
                    for k in 0..<16 { score += max(0, -d[k] - t) }
                }
                if score > 0 { scores[y * w + x] = score }
            }
        }
        var corners: [FASTCorners.Corner] = []
        for y in margin..<(h - margin) {
            for x in margin..<(w - margin) {
                let score = scores[y * w + x]
                guard score > 0 else { continue }
                var isMax = true
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let other = scores[(y + dy) * w + x + dx]
                        let earlier = dy < 0 || (dy == 0 && dx < 0)
                        if earlier ? other >= score : other > score { isMax = false }
                    }
                }
                if isMax { corners.append(FASTCorners.Corner(x: x, y: y, score: score)) }
            }
        }
        return corners
    }

    @Test("the arc test on bit masks agrees with walking the circle, for all 65,536 masks")
    func arcMasks() {
        for mask in UInt32(0)..<(1 << 16) {
            let set = (0..<16).map { mask & (1 << UInt32($0)) != 0 }
            if FASTCorners.hasArc(mask) != Self.plainArc(set) { Issue.record("mask \(String(mask, radix: 2))"); return }
        }
    }

    @Test("FAST corners equal the definition's: same positions, same scores to the bit")
    func fastMatchesDefinition() {
        var total = 0
        for (n, image) in Self.images().enumerated() {
            for (threshold, margin) in [(Float(12), 16), (5, 3), (20, 8), (12.5, 4)] {
                let fast = FASTCorners.detect(image, threshold: threshold, margin: margin).map { "\($0.x),\($0.y):\($0.score.bitPattern)" }
                let plain = Self.referenceCorners(image, threshold: threshold, margin: margin).map { "\($0.x),\($0.y):\($0.score.bitPattern)" }
                #expect(fast == plain, "image \(n), threshold \(threshold), margin \(margin): \(fast.count) vs \(plain.count) corners")
                total += plain.count
            }
        }
        #expect(total > 1000, "the images have corners to compare: \(total)")
    }

    // MARK: Matching

    /// Mutual nearest neighbours with the ratio test both ways, from the full distance table: the
    /// nearest is the first of the smallest distance, the second best the next in sorted order.
    static func referenceMatches(_ a: LocalFeatures, _ b: LocalFeatures, _ verifier: GeometricVerifier) -> [(Int, Int)] {
        let (na, nb) = (a.features.count, b.features.count)
        guard na > 0, nb > 0 else { return [] }
        let d = (0..<na).map { i in (0..<nb).map { j in a.features[i].descriptor.distance(to: b.features[j].descriptor) } }
        func bestTwo(_ row: [Int]) -> (index: Int, best: Int, second: Int) {
            let sorted = row.sorted()
            return (row.firstIndex(of: sorted[0])!, sorted[0], sorted.count > 1 ? sorted[1] : Int(Int32.max))
        }
        func passes(_ t: (index: Int, best: Int, second: Int)) -> Bool {
            t.best <= verifier.maximumDistance && Float(t.best) < verifier.ratio * Float(t.second)
        }
        let rows = d.map(bestTwo), columns = (0..<nb).map { j in bestTwo(d.map { $0[j] }) }
        return (0..<na).compactMap { i in
            let j = rows[i].index
            return passes(rows[i]) && columns[j].index == i && passes(columns[j]) ? (i, j) : nil
        }
    }

    /// Seeded descriptors: random ones, noisy copies of a shared pool at several bit-flip rates,
    /// and exact repeats (ties).
    static func descriptors(_ count: Int, pool: [BinaryDescriptor], random: inout SeededRandom) -> LocalFeatures {
        let features = (0..<count).map { _ -> LocalFeature in
            var words: [UInt64]
            switch random.int(in: 0..<4) {
            case 0: words = (0..<4).map { _ in random.next() }
            case 1: let w = random.element(of: pool)!.words; words = [w.0, w.1, w.2, w.3]
            default:
                let w = random.element(of: pool)!.words
                words = [w.0, w.1, w.2, w.3]
                for _ in 0..<random.int(in: 0..<90) { let bit = random.int(in: 0..<256); words[bit >> 6] ^= 1 << UInt64(bit & 63) }
            }
            return LocalFeature(x: 0, y: 0, level: 0, angle: 0, descriptor: BinaryDescriptor(words[0], words[1], words[2], words[3]))
        }
        return LocalFeatures(width: 100, height: 100, features: features)
    }

    @Test("the 256-bit popcount equals nonzeroBitCount: all ones, single bits, full bytes and seeded words")
    func popcount() {
        var random = SeededRandom(seed: 3)
        var cases: [[UInt64]] = [[0, 0, 0, 0], [.max, .max, .max, .max], [.max, 0, .max, 0], [0, .max, 0, .max]]
        for bit in 0..<256 { var w: [UInt64] = [0, 0, 0, 0]; w[bit >> 6] = 1 << UInt64(bit & 63); cases.append(w); cases.append(w.map { ~$0 }) }
        for byte in 0..<8 { let m: UInt64 = 0xff << UInt64(8 * byte); cases.append([m, m, m, m]); cases.append([m, 0, m, 0]) }
        for _ in 0..<2000 { cases.append((0..<4).map { _ in random.next() & random.next() | random.next() & random.next() }) }
        for w in cases {
            let expected = w.reduce(0) { $0 + $1.nonzeroBitCount }
            #expect(Int(GeometricVerifier.popcount(SIMD4(w[0], w[1], w[2], w[3]))) == expected, "\(w)")
        }
    }

    @Test("every Hamming kernel this CPU runs gives each descriptor's distance, at every run length (the wide kernels' tails too)")
    func hammingKernels() {
        var random = SeededRandom(seed: 5)
        var descriptors: [[UInt64]] = [[0, 0, 0, 0], [.max, .max, .max, .max], [.max, 0, .max, 0]]
        for bit in stride(from: 0, to: 256, by: 37) { var w: [UInt64] = [0, 0, 0, 0]; w[bit >> 6] = 1 << UInt64(bit & 63); descriptors.append(w) }
        for _ in 0..<40 { descriptors.append((0..<4).map { _ in random.next() & random.next() | random.next() }) }
        #expect(HammingKernel.best.rawValue >= 0)
        for kernel in HammingKernel.available {
            for a in descriptors.prefix(6) {
                for count in [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, descriptors.count] {
                    let b = Array(descriptors.prefix(count))
                    let expected = b.map { d in Int16(zip(a, d).reduce(0) { $0 + ($1.0 ^ $1.1).nonzeroBitCount }) }
                    #expect(GeometricVerifier.hammingRow(a, b.flatMap { $0 }, kernel: kernel) == expected, "\(kernel), \(count) descriptors")
                }
            }
        }
        let ones: [UInt64] = [.max, .max, .max, .max]
        #expect(GeometricVerifier.hammingRow(ones, [0, 0, 0, 0], kernel: HammingKernel.best) == [256], "all 256 bits differ")
    }

    static let verifiers = [
        GeometricVerifier(), GeometricVerifier(maximumDistance: 40, ratio: 0.7), GeometricVerifier(maximumDistance: 64, ratio: 0.1),
        GeometricVerifier(maximumDistance: 300, ratio: 1), GeometricVerifier(maximumDistance: 256, ratio: 0.95),
        GeometricVerifier(maximumDistance: 64, ratio: 0), GeometricVerifier(maximumDistance: -1, ratio: 0.8),
        GeometricVerifier(maximumDistance: 0, ratio: 0.8), GeometricVerifier(maximumDistance: 80, ratio: 1.5),
    ]

    @Test("mutual matches equal the full table's, for seeded descriptors with near copies and ties, at several settings")
    func matchesDefinition() {
        var random = SeededRandom(seed: 77)
        var found = 0
        for (na, nb) in [(0, 5), (5, 0), (1, 1), (1, 7), (7, 1), (2, 3), (40, 37), (150, 220)] {
            let pool = (0..<max(1, min(na, nb))).map { _ in BinaryDescriptor(random.next(), random.next(), random.next(), random.next()) }
            let (a, b) = (Self.descriptors(na, pool: pool, random: &random), Self.descriptors(nb, pool: pool, random: &random))
            for verifier in Self.verifiers {
                let fast = verifier.mutualMatches(a, b).map { "\($0.0)-\($0.1)" }
                let plain = Self.referenceMatches(a, b, verifier).map { "\($0.0)-\($0.1)" }
                #expect(fast == plain, "\(na)×\(nb), \(verifier.maximumDistance)/\(verifier.ratio)")
                found += plain.count
            }
        }
        #expect(found > 100, "enough matches to compare: \(found)")
    }

    @Test("mutual matches of real extracted features equal the full table's")
    func extractedMatchesDefinition() {
        let extractor = LocalFeatureExtractor()
        let images = Self.images()
        let features = images.map { extractor.features(of: $0) } + [extractor.features(of: images[0].bilinear(width: 130, height: 97))]
        var found = 0
        for (n, a) in features.enumerated() {
            for b in [a, features[(n + 1) % features.count]] {
                for verifier in Self.verifiers.prefix(2) {
                    let fast = verifier.mutualMatches(a, b).map { "\($0.0)-\($0.1)" }
                    let plain = Self.referenceMatches(a, b, verifier).map { "\($0.0)-\($0.1)" }
                    #expect(fast == plain)
                    found += plain.count
                }
            }
        }
        #expect(found > 1000, "\(found)")
    }

    // MARK: Pinned

    @Test("features of seeded textures and the geometry between two of them are pinned")
    func pinnedTexture() {
        let extractor = LocalFeatureExtractor()
        let image = Self.texture(width: 384, height: 288, seed: 12)
        let features = extractor.features(of: image)
        let level = extractor.features(of: image.bilinear(width: 301, height: 226))
        #expect("\(features.features.count) \(SHA256.hash(features.encoded()).hex)" == Self.expected[0])
        #expect("\(level.features.count) \(SHA256.hash(level.encoded()).hex)" == Self.expected[1])
        let match = GeometricVerifier().match(features, level)
        #expect("\(match.matches) \(match.inliers) \(match.scale.bitPattern) \(match.rotation.bitPattern) \(match.overlap.first.bitPattern) \(match.overlap.second.bitPattern)" == Self.expected[2])
    }

    static let expected = [
        "400 913ecb94687729136af9f6e3c89ff2798e7f059bf5e14422b9728f73558e44d5",
        "400 752b87737eba00f8bd7dffd60667ff53de52eb3b41af179682abeb5bfa3f6584",
        "189 187 1061652448 3154913675 1065353216 1065353216",
    ]
}
