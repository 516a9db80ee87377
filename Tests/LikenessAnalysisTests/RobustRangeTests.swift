import Foundation
import LikenessAnalysis
import Testing

/// Quantiles match NumPy's default (linear) and the robust range is Tukey's fences, widened to a
/// minimum half-width around the median.
@Suite struct RobustRangeTests {
    @Test("quantiles interpolate linearly between order statistics, as numpy.percentile does")
    func quantiles() {
        // numpy.percentile([1, 2, 3, 4, 10], [0, 25, 50, 90, 95, 100]) = [1, 2, 3, 7.6, 8.8, 10]
        let values: [Double] = [10, 2, 4, 1, 3]
        for (q, expected) in [(0.0, 1.0), (0.25, 2.0), (0.5, 3.0), (0.9, 7.6), (0.95, 8.8), (1.0, 10.0)] {
            #expect(abs(Quantile.of(values, q)! - expected) < 1e-12, "q \(q)")
        }
        #expect(Quantile.of([], 0.5) == nil)
        #expect(Quantile.of([7], 0.3) == 7)
    }

    @Test("Tukey's fences: Q1 − 1.5 IQR and Q3 + 1.5 IQR; a value beyond is outside")
    func fences() throws {
        let range = try #require(RobustRange([1, 2, 3, 4, 5, 6, 7, 8, 9], fence: 1.5))
        // Q1 3, Q3 7, IQR 4: fences −3 and 13.
        #expect(range.lower == -3 && range.upper == 13 && range.median == 5)
        #expect(range.contains(13) && !range.contains(13.01) && !range.contains(-3.5))
    }

    @Test("a set whose values all agree is widened to the minimum half-width, so only a real difference is odd")
    func widened() throws {
        let sides = Array(repeating: log(784.0), count: 50) + [log(900.0)]
        let range = try #require(RobustRange(sides, minimumHalfWidth: log(4)))
        #expect(range.contains(log(900)) && range.contains(log(784 * 3.9)))
        #expect(!range.contains(log(784 * 4.1)) && !range.contains(log(784 / 4.1)))
        #expect(RobustRange([]) == nil)
    }
}
