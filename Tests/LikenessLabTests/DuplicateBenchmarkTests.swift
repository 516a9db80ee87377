import Foundation
import LikenessCore
import LikenessImaging
@testable import LikenessLab
import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct DuplicateBenchmarkTests {
    /// Only the shape matters here: the benchmark's evaluation gets vectors directly.
    struct ShapeOnlyModel: EmbeddingModel {
        var id: String { "shape-only" }
        var fingerprint: String { "none" }
        var dimension: Int { 8 }
        var inputSize: (width: Int, height: Int) { (1, 1) }
        func embed(_ images: [PixelBuffer]) throws -> [Result<[Float], ItemFailure>] { [] }
    }

    func axis(_ n: Int, plus noise: Float = 0, on m: Int = 7) -> [Float] {
        var v = [Float](repeating: 0, count: 8)
        v[n] = 1
        v[m] += noise
        return v
    }

    /// Two photos with three close versions each, and six look-alike distractors in a chain:
    /// neighbours 25° apart (cosine 0.906), two steps apart 50° (0.643).
    func items() -> [DuplicateBenchmark.Item] {
        var random = SeededRandom(seed: 8)
        func hash() -> [BitHash] { Array(repeating: BitHash(bits: (0..<64).map { _ in random.next() & 1 == 1 }), count: 8) }
        var items: [DuplicateBenchmark.Item] = []
        for source in 0..<2 {
            let shared = hash()
            items += [-1, 0, 1].map { edit in DuplicateBenchmark.Item(source: source, edit: edit, vector: axis(source, plus: 0.05 * Float(edit + 1)), hashes: shared) }
        }
        for step in 0..<6 {
            let angle = Float(step) * 25 * .pi / 180
            var v = [Float](repeating: 0, count: 8)
            (v[2], v[3]) = (cos(angle), sin(angle))
            items.append(.init(source: 10 + step, edit: -1, vector: v, hashes: hash()))
        }
        return items
    }

    @Test("grouped pairs follow dupes: chained look-alikes split around centres")
    func groupedScores() throws {
        // Accepting at cosine 0.85 links each distractor to the next in the chain.
        let benchmark = DuplicateBenchmark(model: ShapeOnlyModel(), configuration: DuplicateConfiguration(acceptCosine: 0.85))
        let result = try benchmark.evaluate(items(), photos: 2, distractors: 6, failures: [])
        #expect(result.positivePairs == 6)
        let grouped = try #require(result.rules.last)
        // The chain becomes {d1, d0, d2} and {d3, d4}; d5 stays alone: 3 + 1 false pairs, where
        // transitive grouping would give all 15 pairs of the six.
        #expect(abs(grouped.point.precision - 6.0 / 10) < 1e-9 && grouped.point.recall == 1)
        #expect(grouped.recallByEdit[0] == 1 && grouped.recallByEdit[1] == 1)
        #expect(grouped.falsePairs == DuplicateBenchmark.FalsePairs(photoPhoto: 0, photoDistractor: 0, distractorDistractor: 4))
        #expect(result.tuning != nil)
    }

    @Test("local features confirm a pair that neither the cosine nor the hash does")
    func localFeaturesConfirm() throws {
        let signals = try ImageSignals()
        let original = Fixtures.rectangles(width: 384, height: 288, seed: 4)
        let turned = try ImageEditor().apply(.rotate(degrees: 10), to: original)
        var items = items()
        let far = [BitHash(bits: Array(repeating: false, count: 64))], near = [BitHash(bits: Array(repeating: true, count: 64))]
        // Cosine 0.6: a candidate, below acceptance; hashes 64 bits apart.
        items.append(.init(source: 20, edit: -1, vector: axis(4), hashes: Array(repeating: far[0], count: 8), features: try signals.features(of: original, editor: ImageEditor())))
        items.append(.init(source: 20, edit: 8, vector: axis(4, plus: 1.333, on: 5), hashes: Array(repeating: near[0], count: 8),
                           features: try signals.features(of: turned, editor: ImageEditor())))
        let rule = DuplicateConfiguration(minimumInliers: 12)
        let result = try DuplicateBenchmark(model: ShapeOnlyModel(), configuration: rule).evaluate(items, photos: 3, distractors: 6, failures: [])
        let without = try #require(result.rules.first { $0.name.contains("no local features") })
        let with = try #require(result.rules.last)
        #expect(with.recallByEdit[8] == 1 && without.recallByEdit[8] == 0)
        #expect(with.point.recall > without.point.recall)
        #expect(try signals.features(of: Fixtures.rectangles(width: 200, height: 50, seed: 1), editor: ImageEditor()) == nil,
                "a thumbnail under 64 px on its short side gets no local features")
    }

    @Test("pair counts score precision, recall and F1")
    func pairCounts() {
        var counts = DuplicateBenchmark.PairCounts()
        for (said, same) in [(true, true), (true, true), (true, false), (false, true)] { counts.add(said: said, same: same) }
        let s = counts.scores(positives: 4)
        #expect(abs(s.precision - 2.0 / 3) < 1e-12 && s.recall == 0.5 && abs(s.f1 - 4.0 / 7) < 1e-12)
    }
}
