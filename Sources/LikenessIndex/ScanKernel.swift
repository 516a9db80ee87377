import Foundation
import LikenessCore

/// One query against many stored rows, for the metrics ``MetricIndex`` scans: a loop per metric,
/// chosen once per query rather than per pair, over `Float` components in eight SIMD lanes.
///
/// The values agree with ``Metric/measure(_:_:)`` (computed in `Double`) to `Float` rounding,
/// about 1e-7 relative. EMD is Manhattan over rows the index stores as cumulative unit-mass sums
/// (``MetricIndex``), so it has no kernel of its own. Metrics without a SIMD loop (Minkowski with
/// a fractional p, EMD over a ground distance) go through ``general(_:)``, one call per pair in
/// `Double`.
enum ScanKernel: Sendable {
    case manhattan
    case chebyshev
    case jaccard
    case chiSquare
    case hamming
    /// Minkowski with a whole `power` from 2 up: the differences raised by multiplication, not `pow`.
    case minkowski(power: Int)
    /// Any pairwise measure, nil or NaN where undefined.
    case general(@Sendable (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Double?)

    /// The value of `query` against each of `count` rows of `dimension` floats from `rows`, into
    /// `values` (NaN where the measure is undefined).
    func values(_ query: UnsafePointer<Float>, rows: UnsafePointer<Float>, count: Int, dimension d: Int, into values: UnsafeMutablePointer<Float>) {
        switch self {
        case .manhattan: for id in 0..<count { values[id] = Self.manhattan(query, rows + id * d, d) }
        case .chebyshev: for id in 0..<count { values[id] = Self.chebyshev(query, rows + id * d, d) }
        case .jaccard: for id in 0..<count { values[id] = Self.jaccard(query, rows + id * d, d) }
        case .chiSquare: for id in 0..<count { values[id] = Self.chiSquare(query, rows + id * d, d) }
        case .hamming: for id in 0..<count { values[id] = Self.hamming(query, rows + id * d, d) }
        case .minkowski(let power): for id in 0..<count { values[id] = Self.minkowski(query, rows + id * d, d, power: power) }
        case .general(let measure):
            let x = UnsafeBufferPointer(start: query, count: d)
            for id in 0..<count {
                values[id] = measure(x, UnsafeBufferPointer(start: rows + id * d, count: d)).map { Float($0) } ?? .nan
            }
        }
    }

    /// `Σ |xᵢ − yᵢ|`.
    @inline(__always)
    static func manhattan(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var lanes = SIMD8<Float>.zero, i = 0
        while i + 8 <= n {
            let d = SIMDDot.load(x + i) - SIMDDot.load(y + i)
            lanes += d.replacing(with: -d, where: d .< 0)
            i += 8
        }
        var sum = lanes.sum()
        while i < n {
            sum += abs(x[i] - y[i])
            i += 1
        }
        return sum
    }

    /// `maxᵢ |xᵢ − yᵢ|`.
    @inline(__always)
    static func chebyshev(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var lanes = SIMD8<Float>.zero, i = 0
        while i + 8 <= n {
            // Comparisons and blends: the generic pointwiseMax is not vectorised.
            var d = SIMDDot.load(x + i) - SIMDDot.load(y + i)
            d.replace(with: -d, where: d .< 0)
            lanes.replace(with: d, where: d .> lanes)
            i += 8
        }
        var top = lanes.max()
        while i < n {
            top = max(top, abs(x[i] - y[i]))
            i += 1
        }
        return top
    }

    /// `Σ min(xᵢ, yᵢ) / Σ max(xᵢ, yᵢ)`, 1 when both are zero.
    @inline(__always)
    static func jaccard(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var low = SIMD8<Float>.zero, high = SIMD8<Float>.zero, i = 0
        while i + 8 <= n {
            let a = SIMDDot.load(x + i), b = SIMDDot.load(y + i)
            let aBelow = a .< b
            low += a.replacing(with: b, where: .!aBelow)
            high += b.replacing(with: a, where: .!aBelow)
            i += 8
        }
        var lowSum = low.sum(), highSum = high.sum()
        while i < n {
            lowSum += min(x[i], y[i])
            highSum += max(x[i], y[i])
            i += 1
        }
        return highSum > 0 ? lowSum / highSum : 1
    }

    /// `½ Σ (xᵢ − yᵢ)² / (xᵢ + yᵢ)`, terms with `xᵢ + yᵢ = 0` counting 0.
    @inline(__always)
    static func chiSquare(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var lanes = SIMD8<Float>.zero, i = 0
        while i + 8 <= n {
            let a = SIMDDot.load(x + i), b = SIMDDot.load(y + i)
            let total = a + b, d = a - b
            // Empty bins: divide by 1 instead, and d is 0 there, so the term is 0.
            lanes += d * d / total.replacing(with: 1, where: total .== 0)
            i += 8
        }
        var sum = lanes.sum()
        while i < n {
            let total = x[i] + y[i], d = x[i] - y[i]
            if total > 0 { sum += d * d / total }
            i += 1
        }
        return sum / 2
    }

    /// Positions where two 0/1 vectors differ.
    @inline(__always)
    static func hamming(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var lanes = SIMD8<Float>.zero, i = 0
        let one = SIMD8<Float>(repeating: 1)
        while i + 8 <= n {
            lanes += SIMD8<Float>.zero.replacing(with: one, where: SIMDDot.load(x + i) .!= SIMDDot.load(y + i))
            i += 8
        }
        var count = lanes.sum()
        while i < n {
            if x[i] != y[i] { count += 1 }
            i += 1
        }
        return count
    }

    /// `(Σ |xᵢ − yᵢ|ᵖ)^(1/p)` for a whole `power` p ≥ 2, the differences scaled by the largest
    /// first (as ``MinkowskiFamily/minkowski(_:_:p:)`` does), so no power overflows or underflows
    /// to nothing: `m · (Σ (|dᵢ|/m)ᵖ)^(1/p)`.
    @inline(__always)
    static func minkowski(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int, power: Int) -> Float {
        let largest = chebyshev(x, y, n)
        guard largest > 0 else { return 0 }
        let scale = 1 / largest
        var lanes = SIMD8<Float>.zero, i = 0
        while i + 8 <= n {
            var d = (SIMDDot.load(x + i) - SIMDDot.load(y + i)) * scale
            d.replace(with: -d, where: d .< 0)
            var raised = d
            for _ in 1..<power { raised *= d }
            lanes += raised
            i += 8
        }
        var sum = lanes.sum()
        while i < n {
            let d = abs(x[i] - y[i]) * scale
            var raised = d
            for _ in 1..<power { raised *= d }
            sum += raised
            i += 1
        }
        return largest * Float(pow(Double(sum), 1 / Double(power)))
    }
}
