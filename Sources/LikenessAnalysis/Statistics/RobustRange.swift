/// The range in which a value is ordinary for a set: Tukey's fences around the quartiles,
/// [Q1 − f·IQR, Q3 + f·IQR], widened when needed to reach at least `minimumHalfWidth` either side
/// of the median.
///
/// The widening keeps a set whose values nearly all agree (every image 28 × 28, say) from calling
/// the smallest difference odd: an IQR of 0 would otherwise flag anything not exactly typical.
/// Applied to logarithms (of aspect ratios, of pixel counts), a half-width of ln 2 means "at least
/// twice or half the median".
public struct RobustRange: Sendable, Codable, Equatable {
    public var lower: Double
    public var upper: Double
    public var median: Double

    public init(lower: Double, upper: Double, median: Double) {
        self.lower = lower
        self.upper = upper
        self.median = median
    }

    /// The range of `values` (in any order), or nil when there are none.
    public init?(_ values: [Double], fence: Double = 1.5, minimumHalfWidth: Double = 0) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let q1 = Quantile.of(sorted: sorted, 0.25), q3 = Quantile.of(sorted: sorted, 0.75)
        let median = Quantile.of(sorted: sorted, 0.5)
        self.init(lower: min(q1 - fence * (q3 - q1), median - minimumHalfWidth),
                  upper: max(q3 + fence * (q3 - q1), median + minimumHalfWidth), median: median)
    }

    /// True when `value` lies inside the fences (inclusive).
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
}
