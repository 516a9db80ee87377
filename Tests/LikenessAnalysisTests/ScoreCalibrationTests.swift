import LikenessAnalysis
import LikenessCore
import Testing

@Suite struct ScoreCalibrationTests {
    @Test("hand-computed AUC, AP, best F1 on a small case")
    func handComputed() {
        // Scores high→low: 0.9 P, 0.8 N, 0.7 P, 0.6 P, 0.4 N, 0.2 N.
        let scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.2]
        let labels = [true, false, true, true, false, false]
        let c = ScoreCalibration(scores: scores, labels: labels)
        // AUC: positives beat negatives in 8 of 9 pairs (0.9 beats all 3, 0.7 and 0.6 beat 2 each... 0.7,0.6 lose to 0.8).
        #expect(abs(c.rocAUC - 7.0 / 9.0) < 1e-12)
        // AP = 1/3·1 + 1/3·(2/3) + 1/3·(3/4).
        #expect(abs(c.averagePrecision - (1 + 2.0 / 3 + 0.75) / 3) < 1e-12)
        // Best F1 at threshold 0.6: P 3/4, R 1 → F1 6/7.
        #expect(c.bestF1.threshold == 0.6 && abs(c.bestF1.f1 - 6.0 / 7) < 1e-12)
        #expect(c.threshold(forRecall: 1)?.threshold == 0.6)
        #expect(c.threshold(forPrecision: 1)?.threshold == 0.9)
    }

    @Test("two well separated modes: AUC 1, EER 0, the valley and Youden fall between them")
    func separated() {
        var scores: [Double] = [], labels: [Bool] = []
        for i in 0..<50 { scores.append(0.1 + Double(i) * 0.002); labels.append(false) }
        for i in 0..<50 { scores.append(0.8 + Double(i) * 0.002); labels.append(true) }
        let c = ScoreCalibration(scores: scores, labels: labels)
        #expect(c.rocAUC == 1 && c.equalErrorRate == 0)
        #expect(c.valley.threshold > 0.2 && c.valley.threshold <= 0.8)
        #expect(c.youden.recall == 1 && c.youden.falsePositiveRate == 0)
        #expect(c.bestF1.f1 == 1)
    }
}
