import Foundation
import LikenessCore
@testable import LikenessLab
import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct MetricRetrievalTests {
    let folder = TemporaryDirectory("metric-eval")

    // Group 0 points one way at two lengths, group 1 another way at two lengths: direction
    // (cosine) finds each item's partner, distance (Euclidean, Manhattan) finds the nearer
    // stranger of the same length.
    let dataset = EvalDataset(paths: ["a", "b", "c", "d"], groups: [0, 0, 1, 1], groupNames: ["x", "y"])
    let vectors: [[Float]?] = [[1, 0], [10, 1], [1, 1], [9, 9]]

    @Test("the metric decides the ranking: cosine finds every partner, Euclidean and Manhattan none")
    func metricDecides() throws {
        let evaluation = RetrievalEvaluation(dataset: dataset, ks: [1])
        // By hand: a → b (cosine 0.995) but c at distance 1; b → a by angle but d (8.06) by distance;
        // c ↔ d share a direction but c's nearest is a (1), d's is b (8.06).
        #expect(try evaluation.score(method: "v", features: .vectors(vectors), queries: [0, 1, 2, 3]).precision[1] == 1)
        #expect(try evaluation.score(method: "v", features: .vectors(vectors), queries: [0, 1, 2, 3], metric: .euclidean).precision[1] == 0)
        #expect(try evaluation.score(method: "v", features: .vectors(vectors), queries: [0, 1, 2, 3], metric: .manhattan).precision[1] == 0)
        // Pearson on two components is ±1: a and b rise, c and d fall.
        let pearson = try evaluation.score(method: "v", features: .vectors([[0, 1], [0, 2], [3, 1], [5, 2]]), queries: [0, 1], metric: .pearson)
        #expect(pearson.precision[1] == 1)
    }

    @Test("bit hashes rank by Hamming or Jaccard; other metrics do not fit bits")
    func hashes() throws {
        let evaluation = RetrievalEvaluation(dataset: dataset, ks: [1])
        // a and b share their two set bits; c and d share one of two. By Jaccard each finds its
        // partner (1 and 1/2 against 0); by Hamming too (c is 1 bit from d and 4 from a, d 1 from c
        // and 3 from a).
        let bits: [BitHash?] = [[true, true, false, false, false], [true, true, false, false, false],
                                [false, false, true, true, false], [false, false, true, false, false]].map { BitHash(bits: $0) }
        #expect(try evaluation.score(method: "h", features: .hashes(bits), queries: [0, 1, 2, 3], metric: .jaccard).precision[1] == 1)
        #expect(try evaluation.score(method: "h", features: .hashes(bits), queries: [0, 1, 2, 3]).precision[1] == 1)
        #expect(throws: MetricError.doesNotFit(.cosine, kind: .bits, method: "h")) {
            try evaluation.score(method: "h", features: .hashes(bits), queries: [0], metric: .cosine)
        }
    }

    @Test("eval refuses a metric that does not fit a method before reading any image")
    func refusedByType() throws {
        let missing = folder.child("no-such-dataset")
        for (method, metric) in [(EvalMethod.embedding("m"), Metric.hamming), (.embedding("m"), .emd), (.pixels, .emd), (.hash(.pHash), .euclidean)] {
            do {
                _ = try EvalJob(dataset: missing, methods: [method], metric: metric).run(in: JobContext(workers: 1))
                Issue.record("\(metric) on \(method) was not refused")
            } catch {
                #expect(error.description.contains("does not fit"), "\(error)")
            }
        }
        #expect(EvalMethod.histogram.featureKind == .groundedHistogram && Metric.chiSquare.fits(EvalMethod.histogram.featureKind))
    }

    @Test("the histogram method is compared as its histogram under metrics other than cosine")
    func histogramFeatures() {
        let hellinger: RetrievalEvaluation.Features = .vectors([[0.5, 0.5, 0.5, 0.5], nil])
        guard case .vectors(let squared) = EvalMethod.histogram.features(hellinger, for: .chiSquare),
              case .vectors(let kept) = EvalMethod.histogram.features(hellinger, for: .cosine),
              case .vectors(let pixels) = EvalMethod.pixels.features(hellinger, for: .chiSquare) else { Issue.record("not vectors"); return }
        #expect(squared[0] == [0.25, 0.25, 0.25, 0.25] && squared[1] == nil)
        #expect(kept[0] == [0.5, 0.5, 0.5, 0.5] && pixels[0] == [0.5, 0.5, 0.5, 0.5])
    }

    @Test("HOG methods parse with their cell size and bins, and bad settings are refused with the valid forms")
    func hogNames() throws {
        #expect(try EvalMethod(parsing: "hog", models: []).name == "hog")
        #expect(try EvalMethod(parsing: "hog:16:9", models: []).name == "hog")
        #expect(try EvalMethod(parsing: "hog:8", models: []).name == "hog:8:9")
        #expect(try EvalMethod(parsing: "hog:8:12", models: []).name == "hog:8:12")
        #expect(try EvalMethod(parsing: "hog:8", models: []).featureKind == .nonNegative)
        for bad in ["hog:1", "hog:33", "hog:8:1", "hog:x", "hog:8:9:2"] {
            #expect(throws: UnknownNameError.self, "\(bad)") { try EvalMethod(parsing: bad, models: []) }
        }
        #expect(EvalMethod.names(models: []).contains("hog:CELL:BINS"))
    }
}
