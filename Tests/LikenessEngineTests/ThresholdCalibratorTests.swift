import LikenessAnalysis
import LikenessCore
@testable import LikenessEngine
import Testing

@Suite struct ThresholdCalibratorTests {
    /// Separable scores: different pairs at 0.10…0.29, same pairs at 0.80…0.99.
    var separable: (scores: [Double], labels: [Bool]) {
        let different: [Double] = (0..<20).map { 0.1 + Double($0) * 0.01 }
        let same: [Double] = (0..<20).map { 0.8 + Double($0) * 0.01 }
        let labels = [Bool](repeating: false, count: 20) + [Bool](repeating: true, count: 20)
        return (different + same, labels)
    }

    @Test("separable cosine scores: every rule between the groups, F1 1, the file holds the best-F1 point")
    func separableCosine() throws {
        let outcome = try ThresholdCalibrator(configuration: .init(resamples: 0))
            .calibrate(scores: separable.scores, labels: separable.labels, method: "m", fingerprint: "f", scale: .cosine)
        #expect(outcome.choices.map(\.rule) == [.bestF1, .youden, .valley])
        let best = try #require(outcome.choices.first)
        #expect(best.point.f1 == 1 && best.point.threshold > 0.29 && best.point.threshold <= 0.8)
        #expect(outcome.file.rule == .bestF1 && outcome.file.threshold == best.point.threshold && outcome.file.point.f1 == 1)
        #expect(outcome.file.modelFingerprint == "f" && outcome.file.positives == 20 && outcome.file.negatives == 20)
        #expect(outcome.rocAUC == 1 && outcome.equalErrorRate == 0 && best.interval == nil)
        #expect(outcome.positiveScores.count == 20 && outcome.positiveScores.min() == 0.8)
    }

    @Test("a target is the saved rule; distances come back positive with the interval's ends swapped into order")
    func distanceWithTarget() throws {
        // Hash distances: same pairs at 0…9 bits, different ones at 20…39; scores are negated distances.
        let close: [Double] = (0..<10).map { Double($0) }, far: [Double] = (20..<40).map { Double($0) }
        let distances = close + far
        let labels = [Bool](repeating: true, count: 10) + [Bool](repeating: false, count: 20)
        let outcome = try ThresholdCalibrator(configuration: .init(targetRecall: 0.9, resamples: 50, seed: 3))
            .calibrate(scores: distances.map { -$0 }, labels: labels, method: "phash", fingerprint: nil, scale: .distance)
        let target = try #require(outcome.choices.first { $0.rule == .targetRecall })
        #expect(outcome.file.rule == .targetRecall && target.point.threshold == 8, "the highest score reaching 90 %: distance 8")
        #expect(target.point.recall == 0.9 && target.point.precision == 1)
        let interval = try #require(target.interval)
        #expect(interval.low <= interval.high && interval.low >= 0)
        #expect(outcome.negativeScores.min() == 20, "raw scores back in distance units")
        let again = try ThresholdCalibrator(configuration: .init(targetRecall: 0.9, resamples: 50, seed: 3))
            .calibrate(scores: distances.map { -$0 }, labels: labels, method: "phash", fingerprint: nil, scale: .distance)
        #expect(again.choices.map(\.interval) == outcome.choices.map(\.interval), "the bootstrap repeats with the seed")
    }

    @Test("refusals: one kind of pair only, an unreachable target, clusters of hash scores")
    func refusals() {
        let calibrator = ThresholdCalibrator(configuration: .init(resamples: 0))
        #expect(throws: ThresholdCalibrator.CalibrationError.needBothKinds(same: 2, different: 0)) {
            try calibrator.calibrate(scores: [0.1, 0.2], labels: [true, true], method: "m", fingerprint: nil, scale: .cosine)
        }
        // The best-scoring pair is a different one, so no threshold reaches precision 1.
        let mixed = ThresholdCalibrator(configuration: .init(targetPrecision: 1, resamples: 0))
        #expect(throws: ThresholdCalibrator.CalibrationError.unreachable(.targetPrecision)) {
            try mixed.calibrate(scores: [0.9, 0.8, 0.7, 0.6], labels: [false, true, false, true], method: "m", fingerprint: nil, scale: .cosine)
        }
        let clustered = ThresholdCalibrator(configuration: .init(resamples: 0, clusters: 2))
        #expect(throws: ThresholdCalibrator.CalibrationError.clustersNeedEmbeddings) {
            try clustered.calibrate(scores: separable.scores, labels: separable.labels, method: "phash", fingerprint: nil, scale: .distance)
        }
    }

    @Test("per cluster: two directions get their own best-F1 threshold and unit centroids")
    func perCluster() throws {
        // Cluster x: same pairs at 0.9, different at 0.5. Cluster y: same at 0.6, different at 0.2.
        var pairs: [LabelledPair] = [], scores: [Double] = [], vectors: [String: [Float]] = [:]
        let plan: [(axis: Int, same: Double, different: Double)] = [(0, 0.9, 0.5), (1, 0.6, 0.2)]
        for (axis, same, different) in plan {
            for n in 0..<4 {
                let a = "\(axis)-\(n)", b = "\(axis)-\(n)b"
                var v: [Float] = [0, 0, 0]
                v[axis] = 1
                v[2] = Float(n) * 0.01
                (vectors[a], vectors[b]) = (v, v)
                pairs.append(LabelledPair(a: a, b: b, same: n % 2 == 0))
                scores.append(n % 2 == 0 ? same : different)
            }
        }
        let outcome = try ThresholdCalibrator(configuration: .init(resamples: 0, clusters: 2))
            .calibrate(scores: scores, labels: pairs.map(\.same), method: "m", fingerprint: nil, scale: .cosine, pairs: pairs, vectors: vectors)
        let clusters = try #require(outcome.file.clusters)
        #expect(clusters.count == 2)
        let byAxis = clusters.sorted { $0.centroid[0] > $1.centroid[0] }
        #expect(byAxis.map(\.threshold) == [0.9, 0.6] && byAxis.allSatisfy { $0.f1 == 1 && $0.positives == 2 && $0.negatives == 2 })
        #expect(byAxis.allSatisfy { abs($0.centroid.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5 })
        #expect(outcome.file.threshold(for: [0, 1, 0]) == 0.6)
    }
}
