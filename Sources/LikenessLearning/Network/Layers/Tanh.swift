import Foundation

/// The hyperbolic tangent; its derivative is 1 − tanh²(x), read from the output.
struct Tanh: ElementwiseActivation {
    @inline(__always) func value(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) func derivative(input x: Float, output y: Float) -> Float { 1 - y * y }
}
