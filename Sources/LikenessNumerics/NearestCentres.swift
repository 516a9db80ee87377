import LikenessCore

/// A few centres (up to a few hundred rows) against which many points are measured one at a
/// time: the nearest centre of a point by squared Euclidean distance, or the point's squared
/// distance to every centre.
///
/// This is the kernel of k-means assignment. With k ≪ d a general matrix product spends most of
/// its time packing the points into its panel layout (each packed value is used only k times:
/// `perf` showed `sgemm_oncopy` at 30 % of a k-means fit with k = 10, d = 1,280), so the dot
/// products are taken here directly: each point is read once, four centres at a time in eight
/// SIMD lanes, while the centres stay in cache. The summation order is fixed, so a point's
/// result does not depend on the thread that computes it.
public struct NearestCentres: Sendable {
    /// Number of centres.
    public let count: Int
    /// Values per centre.
    public let dimension: Int
    private let values: [Float]
    private let norms: [Float]

    /// The rows of `centres`.
    public init(_ centres: Matrix) {
        count = centres.rows
        dimension = centres.columns
        values = centres.values
        norms = centres.squaredRowNorms
    }

    /// The centre nearest to the `dimension` values at `point` (the lowest index on ties) and
    /// its squared distance, given the point's own squared norm.
    @inline(__always)
    public func nearest(to point: UnsafePointer<Float>, squaredNorm: Float) -> (centre: Int, squaredDistance: Float) {
        var best = 0, bestKey = Float.infinity
        visit(point) { centre, dot in
            let key = norms[centre] - 2 * dot
            if key < bestKey { (best, bestKey) = (centre, key) }
        }
        return (best, Swift.max(0, bestKey + squaredNorm))
    }

    /// Squared distances from the point at `point` to every centre, written to `out` (`count` values).
    @inline(__always)
    public func squaredDistances(from point: UnsafePointer<Float>, squaredNorm: Float, into out: UnsafeMutablePointer<Float>) {
        visit(point) { centre, dot in out[centre] = Swift.max(0, squaredNorm + norms[centre] - 2 * dot) }
    }

    /// Calls `body(centre, point · centre)` for every centre in index order.
    @inline(__always)
    private func visit(_ point: UnsafePointer<Float>, _ body: (Int, Float) -> Void) {
        let d = dimension
        values.withUnsafeBufferPointer { all in
            let base = all.baseAddress!
            var centre = 0
            while centre + 4 <= count {
                let dots = Self.dots4(point, base + centre * d, d)
                body(centre, dots[0]); body(centre + 1, dots[1]); body(centre + 2, dots[2]); body(centre + 3, dots[3])
                centre += 4
            }
            while centre < count {
                body(centre, SIMDDot.dot(point, base + centre * d, d))
                centre += 1
            }
        }
    }

    /// The dot products of `x` with the four consecutive rows starting at `c`.
    @inline(__always)
    private static func dots4(_ x: UnsafePointer<Float>, _ c: UnsafePointer<Float>, _ d: Int) -> SIMD4<Float> {
        var a0 = SIMD8<Float>.zero, a1 = SIMD8<Float>.zero, a2 = SIMD8<Float>.zero, a3 = SIMD8<Float>.zero
        var i = 0
        while i + 8 <= d {
            let v = SIMDDot.load(x + i)
            a0 += v * SIMDDot.load(c + i)
            a1 += v * SIMDDot.load(c + d + i)
            a2 += v * SIMDDot.load(c + 2 * d + i)
            a3 += v * SIMDDot.load(c + 3 * d + i)
            i += 8
        }
        var sums = SIMD4<Float>(a0.sum(), a1.sum(), a2.sum(), a3.sum())
        while i < d {
            sums += x[i] * SIMD4<Float>(c[i], c[d + i], c[2 * d + i], c[3 * d + i])
            i += 1
        }
        return sums
    }
}
