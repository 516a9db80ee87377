import LikenessAnalysis
import LikenessCore
import Testing

@Suite struct RetrievalMetricsTests {
    // Relevant at ranks 1, 3 and 6; 4 relevant items exist.
    let ranking = [true, false, true, false, false, true, false]

    @Test func precisionAndRecall() {
        #expect(RetrievalMetrics.precision(at: 1, ranking) == 1)
        #expect(RetrievalMetrics.precision(at: 5, ranking) == 0.4)
        #expect(RetrievalMetrics.precision(at: 10, ranking) == 0.3, "missing results count as misses")
        #expect(RetrievalMetrics.recall(at: 5, ranking, relevant: 4) == 0.5)
    }

    @Test("average precision by hand: (1/1 + 2/3 + 3/6) / 4")
    func averagePrecision() {
        let expected = (1.0 + 2.0 / 3 + 3.0 / 6) / 4
        #expect(abs(RetrievalMetrics.averagePrecision(ranking, relevant: 4) - expected) < 1e-12)
        // AP@5: hits at 1 and 3, normalised by min(4, 5) = 4.
        #expect(abs(RetrievalMetrics.averagePrecision(ranking, relevant: 4, at: 5) - (1.0 + 2.0 / 3) / 4) < 1e-12)
        #expect(RetrievalMetrics.averagePrecision([false, false], relevant: 0) == 0)
    }

    @Test func nisterStewenius() {
        #expect(RetrievalMetrics.nisterStewenius([true, true, false, true, true]) == 3)
        #expect(RetrievalMetrics.nisterStewenius([true, true, true, true]) == 4)
    }
}
