import Foundation
import LikenessAnalysis
import LikenessCore
@testable import LikenessEngine
import LikenessTestSupport
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
        let outcome = try ThresholdCalibrator(configuration: .init(targetRecall: 0.9, resamples: 50, seed: 3, allowSmall: true))
            .calibrate(scores: distances.map { -$0 }, labels: labels, method: "phash", fingerprint: nil, scale: .distance)
        let target = try #require(outcome.choices.first { $0.rule == .targetRecall })
        #expect(outcome.file.rule == .targetRecall && target.point.threshold == 8, "the highest score reaching 90 %: distance 8")
        #expect(target.point.recall == 0.9 && target.point.precision == 1)
        let interval = try #require(target.interval)
        #expect(interval.low <= interval.high && interval.low >= 0)
        #expect(outcome.negativeScores.min() == 20, "raw scores back in distance units")
        let again = try ThresholdCalibrator(configuration: .init(targetRecall: 0.9, resamples: 50, seed: 3, allowSmall: true))
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
        let mixed = ThresholdCalibrator(configuration: .init(targetPrecision: 1, resamples: 0, allowSmall: true))
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
        let outcome = try ThresholdCalibrator(configuration: .init(resamples: 0, clusters: 2, allowSmall: true))
            .calibrate(scores: scores, labels: pairs.map(\.same), method: "m", fingerprint: nil, scale: .cosine, pairs: pairs, vectors: vectors)
        let clusters = try #require(outcome.file.clusters)
        #expect(clusters.count == 2)
        let byAxis = clusters.sorted { $0.centroid[0] > $1.centroid[0] }
        #expect(byAxis.map(\.threshold) == [0.9, 0.6] && byAxis.allSatisfy { $0.f1 == 1 && $0.positives == 2 && $0.negatives == 2 })
        #expect(byAxis.allSatisfy { abs($0.centroid.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5 })
        #expect(outcome.file.threshold(for: [0, 1, 0]) == 0.6)
    }

    @Test("fewer than 20 pairs of a kind are refused; --allow-small calibrates, marks the file and warns")
    func smallSamples() throws {
        let different: [Double] = (0..<19).map { 0.1 + Double($0) * 0.01 }
        let same: [Double] = (0..<30).map { 0.8 + Double($0) * 0.005 }
        let scores = different + same
        let labels = [Bool](repeating: false, count: 19) + [Bool](repeating: true, count: 30)
        #expect(throws: ThresholdCalibrator.CalibrationError.tooFewPairs(same: 30, different: 19)) {
            try ThresholdCalibrator(configuration: .init(resamples: 0)).calibrate(scores: scores, labels: labels, method: "m", fingerprint: nil, scale: .cosine)
        }
        let small = try ThresholdCalibrator(configuration: .init(resamples: 0, allowSmall: true))
            .calibrate(scores: scores, labels: labels, method: "m", fingerprint: nil, scale: .cosine)
        #expect(small.file.smallSample)
        #expect(small.warnings.count == 1 && small.warnings[0].contains("only 30 same and 19 different pairs"))
        #expect(small.file.smallSampleWarning?.contains("made with --allow-small") == true)
        // Enough pairs: not marked, even with the flag, and no warning for a stable separable set.
        let enough = try ThresholdCalibrator(configuration: .init(resamples: 0, allowSmall: true))
            .calibrate(scores: separable.scores, labels: separable.labels, method: "m", fingerprint: nil, scale: .cosine)
        #expect(!enough.file.smallSample && enough.file.smallSampleWarning == nil && enough.warnings.isEmpty, "\(enough.warnings)")
    }

    @Test("the mark survives saving and loading, and is left out of files that are not small")
    func smallSampleRoundTrip() throws {
        let folder = TemporaryDirectory("small-sample")
        var file = CalibrationFile(method: "m", modelFingerprint: nil, scale: .cosine, rule: .bestF1,
                                   point: OperatingPoint(threshold: 0.5, precision: 1, recall: 1), positives: 4, negatives: 3, smallSample: true)
        try file.save(folder.child("small.json"))
        #expect(try CalibrationFile.load(folder.child("small.json")).smallSample)
        file.smallSample = false
        try file.save(folder.child("normal.json"))
        #expect(try !String(contentsOfFile: folder.child("normal.json"), encoding: .utf8).contains("smallSample"))
        #expect(try !CalibrationFile.load(folder.child("normal.json")).smallSample)
    }

    @Test("a precision target on overlapping scores warns: unstable threshold, precision depends on the mix; a dense separable set does not")
    func unreliableTarget() throws {
        // 40 same pairs spread over 0.3…0.99 and 40 different ones over 0.1…0.75, interleaved in the middle.
        var generator = SeededRandom(seed: 5)
        let same: [Double] = (0..<40).map { _ in 0.3 + 0.69 * Double(generator.int(in: 0..<1000)) / 1000 }
        let different: [Double] = (0..<40).map { _ in 0.1 + 0.65 * Double(generator.int(in: 0..<1000)) / 1000 }
        let outcome = try ThresholdCalibrator(configuration: .init(targetPrecision: 0.99, resamples: 100, seed: 2))
            .calibrate(scores: same + different, labels: [Bool](repeating: true, count: 40) + [Bool](repeating: false, count: 40),
                       method: "m", fingerprint: nil, scale: .cosine)
        #expect(outcome.file.rule == .targetPrecision)
        #expect(outcome.warnings.contains { $0.hasPrefix("the threshold is unstable: resampling the pairs moves it between") }, "\(outcome.warnings)")
        #expect(outcome.warnings.contains { $0.hasPrefix("precision 1.000 is measured on these pairs, 50 % of which are same pairs") },
                "\(outcome.warnings)")
        // 200 same pairs packed densely above 200 different ones: the best-F1 threshold hardly moves, no warning.
        let low: [Double] = (0..<200).map { 0.1 + Double($0) * 0.001 }
        let high: [Double] = (0..<200).map { 0.8 + Double($0) * 0.0005 }
        let dense = low + high
        let stable = try ThresholdCalibrator(configuration: .init(resamples: 100))
            .calibrate(scores: dense, labels: [Bool](repeating: false, count: 200) + [Bool](repeating: true, count: 200),
                       method: "m", fingerprint: nil, scale: .cosine)
        #expect(stable.warnings.isEmpty, "\(stable.warnings)")
    }

    @Test("a target some bootstrap resamples cannot reach is named with the count")
    func targetNotAlwaysReached() throws {
        // Precision 1 is reached only above the one different pair at 0.98, by the one same pair at
        // 0.99: a resample that draws the different pair but not that same pair cannot reach it.
        var scores = separable.scores, labels = separable.labels
        scores[0] = 0.98
        scores[20] = 0.99
        let outcome = try ThresholdCalibrator(configuration: .init(targetPrecision: 1, resamples: 200, seed: 4))
            .calibrate(scores: scores, labels: labels, method: "m", fingerprint: nil, scale: .cosine)
        #expect(outcome.file.threshold == 0.99 && outcome.file.point.precision == 1)
        let warning = try #require(outcome.warnings.first { $0.hasPrefix("the target precision 1 was reached in only ") }, "\(outcome.warnings)")
        let reached = try #require(Int(warning.dropFirst("the target precision 1 was reached in only ".count).prefix { $0.isNumber }))
        #expect(reached > 100 && reached < 200, "about 1 − 0.63 × 0.36 of the resamples: \(reached)")
        #expect(warning.contains("of 200 bootstrap resamples"))
    }
}
