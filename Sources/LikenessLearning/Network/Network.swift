import LikenessCore
import LikenessNumerics

/// A feed-forward network: a chain of ``Layer``s over one flat array of parameters.
///
/// Layer i owns the slice of ``parameters`` that starts where layer i − 1's ends, so an optimiser
/// steps one vector and a saved head is one block of floats with one checksum. A network is a
/// value: copying it copies its parameters.
public struct Network: Sendable, Equatable {
    /// The layers, input first.
    public let layers: [Layer]
    /// Width of the input rows.
    public let inputWidth: Int
    /// Width of the output rows.
    public let outputWidth: Int
    /// Every layer's parameters, layer by layer.
    public var parameters: [Float]

    /// Where each layer's slice of ``parameters`` starts.
    var offsets: [Int] {
        var out: [Int] = [], start = 0
        for layer in layers { out.append(start); start += layer.parameterCount }
        return out
    }

    /// A network with fresh parameters drawn from `seed` (each layer's own initialisation, layers
    /// in order, from one ``SeededRandom``).
    public init(inputWidth: Int, layers: [Layer], seed: UInt64) throws(NetworkError) {
        self.init(unchecked: inputWidth, layers: layers, outputWidth: try Self.check(inputWidth, layers))
        var random = SeededRandom(seed: seed)
        let offsets = self.offsets
        parameters.withUnsafeMutableBufferPointer { all in
            for (layer, start) in zip(layers, offsets) {
                layer.operation.initialise(UnsafeMutableBufferPointer(rebasing: all[start..<(start + layer.parameterCount)]), random: &random)
            }
        }
    }

    /// A network with the given parameters (read back from a file).
    public init(inputWidth: Int, layers: [Layer], parameters: [Float]) throws(NetworkError) {
        self.init(unchecked: inputWidth, layers: layers, outputWidth: try Self.check(inputWidth, layers))
        guard parameters.count == self.parameters.count else {
            throw .parameterCount(expected: self.parameters.count, found: parameters.count)
        }
        self.parameters = parameters
    }

    private init(unchecked inputWidth: Int, layers: [Layer], outputWidth: Int) {
        self.inputWidth = inputWidth
        self.layers = layers
        self.outputWidth = outputWidth
        parameters = [Float](repeating: 0, count: layers.reduce(0) { $0 + $1.parameterCount })
    }

    /// The output width, after checking that each layer takes the previous one's output.
    private static func check(_ inputWidth: Int, _ layers: [Layer]) throws(NetworkError) -> Int {
        guard inputWidth > 0 else { throw .emptyInput }
        var width = inputWidth
        for (position, layer) in layers.enumerated() {
            guard let next = layer.outputWidth(input: width), next > 0 else { throw .mismatch(layer: position, description: layer.description, input: width) }
            width = next
        }
        return width
    }

    /// The output for a batch of rows, at inference (batch normalisation by its stored statistics).
    public func callAsFunction(_ input: Matrix) -> Matrix {
        precondition(input.columns == inputWidth, "the network takes \(inputWidth) values per row, got \(input.columns)")
        let offsets = self.offsets
        return parameters.withUnsafeBufferPointer { all in
            var x = input
            for (layer, start) in zip(layers, offsets) {
                x = layer.operation.infer(x, parameters: UnsafeBufferPointer(rebasing: all[start..<(start + layer.parameterCount)]))
            }
            return x
        }
    }
}

/// A network that cannot be built as described.
public enum NetworkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input has no values.
    case emptyInput
    /// Layer `layer` cannot take rows of `input` values.
    case mismatch(layer: Int, description: String, input: Int)
    /// Stored parameters do not fit the architecture.
    case parameterCount(expected: Int, found: Int)

    public var description: String {
        switch self {
        case .emptyInput: "a network needs at least one input value"
        case .mismatch(let layer, let description, let input): "layer \(layer) (\(description)) cannot take \(input) values per row"
        case .parameterCount(let expected, let found): "the architecture has \(expected) parameters, the weights \(found)"
        }
    }
}
