/// The dot product of two float vectors in eight SIMD lanes, then across the lanes, then the
/// scalar tail: a fixed summation order, so results are bit-for-bit reproducible. Shared by the
/// learners (LikenessLearning) and k-means' NearestCentres (LikenessNumerics).
public enum SIMDDot {
    /// `Σ a[i] · b[i]` for i below `n`.
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var lanes = SIMD8<Float>.zero
        var i = 0
        while i + 8 <= n {
            lanes += load(a + i) * load(b + i)
            i += 8
        }
        var sum = lanes.sum()
        while i < n {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// Eight floats from `p`, which need not be aligned.
    @inlinable @inline(__always)
    public static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
}
