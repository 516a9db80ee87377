/// Measures of non-negative vectors (histograms, counts), in `Double`: weighted Jaccard and χ².
/// Inputs are checked non-negative by the caller (``Metric/measure(_:_:)``).
public enum HistogramDistances {
    /// Weighted (min–max) Jaccard similarity `Σ min(xᵢ, yᵢ) / Σ max(xᵢ, yᵢ)`; 1 when both are zero.
    public static func weightedJaccard(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        var low = 0.0, high = 0.0
        for i in 0..<x.count {
            let a = Double(x[i]), b = Double(y[i])
            low += min(a, b)
            high += max(a, b)
        }
        return high > 0 ? low / high : 1
    }

    /// χ² distance `½ Σ (xᵢ − yᵢ)² / (xᵢ + yᵢ)`, terms with `xᵢ + yᵢ = 0` counting 0.
    public static func chiSquare(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        var sum = 0.0
        for i in 0..<x.count {
            let a = Double(x[i]), b = Double(y[i])
            let total = a + b
            if total > 0 { sum += (a - b) * (a - b) / total }
        }
        return sum / 2
    }

    /// The number of positions where two 0/1 vectors differ.
    public static func hamming(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Int {
        var count = 0
        for i in 0..<x.count where x[i] != y[i] { count += 1 }
        return count
    }
}
