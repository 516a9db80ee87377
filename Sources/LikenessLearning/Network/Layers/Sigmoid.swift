import Foundation

/// The logistic function 1 / (1 + e^−x), computed without overflow for large |x|; its derivative
/// is σ(x)(1 − σ(x)), read from the output.
struct Sigmoid: ElementwiseActivation {
    @inline(__always) func value(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }

    @inline(__always) func derivative(input x: Float, output y: Float) -> Float { y * (1 - y) }
}
