import LikenessCore
@testable import LikenessEngine
import Testing

/// The rules of `inspect` on numbers alone: outliers by percentile, duplicates, worst-first order.
@Suite struct InspectRulesTests {
    let rules = InspectRules(options: InspectOptions(k: 2, outlierPercentile: 80))

    func image(_ n: Int, hash byte: UInt8) -> CatalogImage {
        CatalogImage(id: Int64(n), path: "/set/\(n).png", fingerprint: nil, contentHash: ContentHash(bytes: Array(repeating: byte, count: 32)),
                     info: nil, failure: nil, isGone: false)
    }

    @Test("an outlier is above the percentile of the k-th neighbour distances; its nearest neighbour is named")
    func outliers() {
        let paths = (0..<5).map { "/set/\($0).png" }
        // k-th (2nd) neighbour cosines 0.9, 0.9, 0.8, 0.85, 0.1: distances 0.1, 0.1, 0.2, 0.15, 0.9.
        let neighbours: [[Neighbor]] = [0.9, 0.9, 0.8, 0.85, 0.1].enumerated().map { i, kth in
            [Neighbor(id: (i + 1) % 5, score: 0.95), Neighbor(id: (i + 2) % 5, score: Float(kth))]
        }
        let finding = rules.outliers(paths: paths, neighbours: neighbours)
        #expect(finding.images.map(\.path) == ["/set/4.png"])
        #expect(finding.images.first?.other == "/set/0.png")
        #expect(abs((finding.above ?? 0) - 0.34) < 1e-6, "the 80th percentile of the distances: 0.2 + 0.2 × (0.9 − 0.2)")
        #expect(finding.rule.contains("2nd nearest") && finding.rule.contains("80th percentile"))
    }

    @Test("near-duplicates need the cosine and different bytes; exact duplicates flag every copy, largest groups first")
    func duplicates() {
        let images = [image(0, hash: 1), image(1, hash: 1), image(2, hash: 2), image(3, hash: 3)]
        let neighbours: [[Neighbor]] = [[.init(id: 1, score: 1)], [.init(id: 0, score: 1)], [.init(id: 3, score: 0.97)], [.init(id: 2, score: 0.97)]]
        let near = rules.nearDuplicates(images: images, neighbours: neighbours)
        #expect(near.images.map(\.path) == ["/set/2.png", "/set/3.png"], "byte-identical neighbours are exact duplicates, not near")
        let small = ExactDuplicateGroup(contentHash: images[0].contentHash!, members: [images[1], images[0]])
        let large = ExactDuplicateGroup(contentHash: images[2].contentHash!, members: [image(5, hash: 2), image(6, hash: 2), image(7, hash: 2)])
        let exact = rules.exactDuplicates([small, large])
        #expect(exact.images.map(\.path) == ["/set/5.png", "/set/6.png", "/set/7.png", "/set/0.png", "/set/1.png"])
        #expect(exact.images.first?.other == "/set/6.png" && exact.images[1].other == "/set/5.png")
    }

    @Test("ordinals and stated numbers")
    func wording() {
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(InspectRules.ordinal) == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"])
        #expect(InspectRules.number(0.25) == "0.25" && InspectRules.number(205) == "205" && InspectRules.number(2.6667) == "2.67")
    }
}
