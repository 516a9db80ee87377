import Foundation

/// The Minkowski family of distances, accumulated in `Double` from `Float` components:
/// Manhattan (p = 1), Euclidean (p = 2), general p ≥ 1, and Chebyshev (the limit p → ∞).
///
/// Inputs are equal-length and checked by the caller (``Metric/measure(_:_:)``).
public enum MinkowskiFamily {
    /// `Σ (xᵢ − yᵢ)²`.
    public static func squaredEuclidean(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        var sum = 0.0
        for i in 0..<x.count {
            let d = Double(x[i]) - Double(y[i])
            sum += d * d
        }
        return sum
    }

    /// `√Σ (xᵢ − yᵢ)²`.
    public static func euclidean(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        squaredEuclidean(x, y).squareRoot()
    }

    /// `Σ |xᵢ − yᵢ|`.
    public static func manhattan(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        var sum = 0.0
        for i in 0..<x.count { sum += abs(Double(x[i]) - Double(y[i])) }
        return sum
    }

    /// `maxᵢ |xᵢ − yᵢ|`.
    public static func chebyshev(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        var top = 0.0
        for i in 0..<x.count { top = max(top, abs(Double(x[i]) - Double(y[i]))) }
        return top
    }

    /// `(Σ |xᵢ − yᵢ|ᵖ)^(1/p)` for finite `p ≥ 1`. The differences are scaled by the largest one
    /// first, so large `p` neither overflows nor underflows: `m · (Σ (|dᵢ|/m)ᵖ)^(1/p)`.
    public static func minkowski(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, p: Double) -> Double {
        if p == 1 { return manhattan(x, y) }
        if p == 2 { return euclidean(x, y) }
        let m = chebyshev(x, y)
        guard m > 0 else { return 0 }
        var sum = 0.0
        for i in 0..<x.count { sum += pow(abs(Double(x[i]) - Double(y[i])) / m, p) }
        return m * pow(sum, 1 / p)
    }
}
