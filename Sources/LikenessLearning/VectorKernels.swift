import Foundation
import LikenessCore

/// Small dense-vector kernels for the learners, written so their summation order is fixed
/// (results are bit-for-bit reproducible) and the hot loops use SIMD.
enum VectorKernels {
    /// `Σ a[i] · b[i]` (``SIMDDot/dot(_:_:_:)``, the one SIMD dot product).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        SIMDDot.dot(a, b, n)
    }

    /// `y[i] += alpha · x[i]`.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { y[i] += alpha * x[i] }
    }

    /// Replaces scores by their softmax, shifted by the maximum so `exp` cannot overflow.
    static func softmaxInPlace(_ values: inout [Float]) {
        let top = values.max() ?? 0
        var total: Float = 0
        for i in values.indices {
            values[i] = expf(values[i] - top)
            total += values[i]
        }
        for i in values.indices { values[i] /= total }
    }

    /// `log Σ exp(values)`, computed stably.
    static func logSumExp(_ values: [Float]) -> Float {
        let top = values.max() ?? 0
        return top + logf(values.reduce(0) { $0 + expf($1 - top) })
    }

    /// Index of the largest value; the lowest index on ties.
    static func argmax(_ values: [Float]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }
}
