/// The rectifier max(0, x); its derivative is taken as 0 at x = 0.
struct ReLU: ElementwiseActivation {
    @inline(__always) func value(_ x: Float) -> Float { x > 0 ? x : 0 }
    @inline(__always) func derivative(input x: Float, output y: Float) -> Float { x > 0 ? 1 : 0 }
}
