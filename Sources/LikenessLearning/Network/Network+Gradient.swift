import LikenessNumerics

extension Network {
    /// What a forward pass keeps for the backward pass: every layer's input, and the output.
    public struct Tape: Sendable {
        /// `activations[i]` is layer i's input; the last is the network's output.
        var activations: [Matrix]

        /// The network's output.
        public var output: Matrix { activations[activations.count - 1] }
    }

    /// The training output for a batch, with what ``gradient(_:outputGradient:)`` needs. `noise`
    /// seeds the layers that draw (dropout: layer i's mask from `noise` mixed with i); trainers
    /// pass a fresh value per batch, drawn from their seed. The same noise gives the same pass.
    public func forward(_ input: Matrix, noise: UInt64 = 0) -> Tape {
        precondition(input.columns == inputWidth, "the network takes \(inputWidth) values per row, got \(input.columns)")
        let offsets = self.offsets
        var activations = [input]
        parameters.withUnsafeBufferPointer { all in
            for (position, (layer, start)) in zip(layers, offsets).enumerated() {
                activations.append(layer.operation.forward(activations[activations.count - 1],
                                                           parameters: UnsafeBufferPointer(rebasing: all[start..<(start + layer.parameterCount)]),
                                                           noise: noise &+ UInt64(position) &* 0x9E37_79B9_7F4A_7C15))
            }
        }
        return Tape(activations: activations)
    }

    /// ∂loss/∂parameters (same layout as ``parameters``) and ∂loss/∂input, given ∂loss/∂output
    /// for the batch of `tape`.
    public func gradient(_ tape: Tape, outputGradient: Matrix) -> (parameters: [Float], input: Matrix) {
        var result = [Float](repeating: 0, count: parameters.count)
        let input = backward(tape, outputGradient: outputGradient, into: &result, inputGradient: true)!
        return (result, input)
    }

    /// Adds ∂loss/∂parameters to `parameterGradient` (which must be zero to get the gradient alone);
    /// returns ∂loss/∂input when asked.
    @discardableResult
    public func backward(_ tape: Tape, outputGradient: Matrix, into parameterGradient: inout [Float], inputGradient: Bool = false) -> Matrix? {
        precondition(parameterGradient.count == parameters.count, "the gradient has \(parameterGradient.count) values, the network \(parameters.count)")
        let offsets = self.offsets
        var upstream: Matrix? = outputGradient
        parameters.withUnsafeBufferPointer { all in
            parameterGradient.withUnsafeMutableBufferPointer { grads in
                for position in layers.indices.reversed() {
                    let (layer, start) = (layers[position], offsets[position])
                    let range = start..<(start + layer.parameterCount)
                    upstream = layer.operation.backward(input: tape.activations[position], output: tape.activations[position + 1],
                                                        outputGradient: upstream!,
                                                        parameters: UnsafeBufferPointer(rebasing: all[range]),
                                                        parameterGradient: UnsafeMutableBufferPointer(rebasing: grads[range]),
                                                        inputGradient: position > 0 || inputGradient)
                }
            }
        }
        return upstream
    }
}
