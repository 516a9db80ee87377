/// Dot product and cosine similarity accumulated in `Double`: the reference values the
/// `Float` paths (``SIMDDot``, BLAS in the exact index) are checked against, and what
/// ``Metric/measure(_:_:)`` reports.
public enum InnerProduct {
    /// `Σ xᵢ yᵢ`.
    public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        var sum = 0.0
        for i in 0..<x.count { sum += Double(x[i]) * Double(y[i]) }
        return sum
    }

    /// `x·y / (‖x‖ ‖y‖)`, 0 when either vector is zero; clamped to [−1, 1] against rounding.
    public static func cosine(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        var xy = 0.0, xx = 0.0, yy = 0.0
        for i in 0..<x.count {
            let a = Double(x[i]), b = Double(y[i])
            xy += a * b
            xx += a * a
            yy += b * b
        }
        guard xx > 0, yy > 0 else { return 0 }
        return min(1, max(-1, xy / (xx.squareRoot() * yy.squareRoot())))
    }
}
