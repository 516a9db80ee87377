import LikenessAnalysis
import LikenessCore
import Testing

@Suite struct DistanceHistogramTests {
    @Test("F1-max on a hand-computed case")
    func handComputed() {
        var h = DistanceHistogram(maximum: 4)
        // Positives at 0, 1, 1, 3; negatives at 2, 4, 4.
        for d in [0, 1, 1, 3] { h.add(distance: d, positive: true) }
        for d in [2, 4, 4] { h.add(distance: d, positive: false) }
        // t=1: P=1, R=3/4, F1=6/7≈0.857. t=3: P=4/5, R=1, F1=8/9≈0.889. t=4: P=4/7, F1=8/11.
        let best = h.bestF1()
        #expect(best.threshold == 3)
        #expect(abs(best.f1 - 8.0 / 9.0) < 1e-12)
        #expect(abs(best.precision - 0.8) < 1e-12 && best.recall == 1)
        #expect(abs(h.operating(at: 1).f1 - 6.0 / 7.0) < 1e-12)
    }

    @Test("separable data reaches F1 = 1 at the smallest separating threshold")
    func separable() {
        var h = DistanceHistogram(maximum: 10)
        for d in 0...3 { h.add(distance: d, positive: true) }
        for d in 6...10 { h.add(distance: d, positive: false) }
        let best = h.bestF1()
        #expect((best.threshold, best.f1) == (3, 1))
    }
}
