/// The Earth Mover's Distance between two histograms over ordered bins a unit apart, in closed
/// form: with both scaled to unit mass, the least work to turn one into the other is the L1
/// distance of their cumulative sums, `Σᵢ |Xᵢ − Yᵢ|` (Rubner et al. 2000; the first Wasserstein
/// distance on the line, Vallender 1974).
///
/// The masses must agree within ``massTolerance`` (relative): EMD between unequal masses is a
/// different question (partial matching), which this type does not answer.
public enum EarthMovers {
    /// Largest relative difference of the two masses still called equal: histograms normalised
    /// in `Float` sum to 1 only within rounding.
    public static let massTolerance = 1e-4

    /// The two masses, checked to be positive and equal within ``massTolerance``.
    public static func checkedMasses(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) throws(MetricError) -> (Double, Double) {
        var mx = 0.0, my = 0.0
        for v in x { mx += Double(v) }
        for v in y { my += Double(v) }
        guard mx > 0, my > 0, abs(mx - my) <= massTolerance * max(mx, my) else { throw .unequalMass(mx, my) }
        return (mx, my)
    }

    /// `Σ |Xᵢ − Yᵢ|` for the cumulative sums of `x / Σx` and `y / Σy`. Inputs are equal-length,
    /// non-negative and of equal mass (checked by the caller with ``checkedMasses(_:_:)``).
    public static func distance(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, masses: (Double, Double)) -> Double {
        var cx = 0.0, cy = 0.0, total = 0.0
        // The last cumulative difference is 0 (both reach 1), so it is not added.
        for i in 0..<(x.count - 1) {
            cx += Double(x[i]) / masses.0
            cy += Double(y[i]) / masses.1
            total += abs(cx - cy)
        }
        return total
    }
}
