import LikenessCore
import LikenessNumerics

/// What every layer of a ``Network`` does: a forward pass over a batch (one row per example) and
/// the backward pass that turns the gradient of the output into those of the input and of the
/// layer's own parameters.
///
/// A layer holds no parameters itself: they live in the network's one flat array, and each call
/// gets the layer's slice, so an optimiser, a checkpoint and a checksum see one vector.
protocol LayerOperation: Sendable {
    /// Number of trainable values in the layer's slice.
    var parameterCount: Int { get }

    /// Writes the layer's initial parameters, drawing only from `random`.
    func initialise(_ parameters: UnsafeMutableBufferPointer<Float>, random: inout SeededRandom)

    /// The layer's output for a batch in training (batch normalisation uses the batch's statistics).
    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix

    /// The training output with the pass's random seed, for layers that draw (dropout); the
    /// same as ``forward(_:parameters:)`` for every other layer.
    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>, noise: UInt64) -> Matrix

    /// The layer's output at inference (batch normalisation uses its stored population statistics);
    /// the same as ``forward(_:parameters:)`` for every other layer.
    func infer(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix

    /// Adds ∂loss/∂parameters to `parameterGradient` and returns ∂loss/∂input (nil when
    /// `inputGradient` is false: the first layer's is never used).
    func backward(input: Matrix, output: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix?
}

extension LayerOperation {
    var parameterCount: Int { 0 }
    func initialise(_ parameters: UnsafeMutableBufferPointer<Float>, random: inout SeededRandom) {}
    func infer(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix { forward(input, parameters: parameters) }
    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>, noise: UInt64) -> Matrix { forward(input, parameters: parameters) }
}

/// Element-wise activations: the output depends on each input value alone.
protocol ElementwiseActivation: LayerOperation {
    /// f(x).
    func value(_ x: Float) -> Float
    /// f′ at the input x whose output was y (whichever of the two is cheaper to use).
    func derivative(input x: Float, output y: Float) -> Float
}

extension ElementwiseActivation {
    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        var out = input
        for i in out.values.indices { out.values[i] = value(input.values[i]) }
        return out
    }

    func backward(input: Matrix, output: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        guard inputGradient else { return nil }
        var out = outputGradient
        for i in out.values.indices { out.values[i] *= derivative(input: input.values[i], output: output.values[i]) }
        return out
    }
}
