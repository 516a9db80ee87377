/// One layer of a ``Network``: the closed set the network is built from, stored in a head's
/// manifest as its architecture.
public enum Layer: Sendable, Codable, Equatable, CustomStringConvertible {
    /// y = x · Wᵀ + b.
    case dense(inputs: Int, outputs: Int)
    /// max(0, x).
    case relu
    /// tanh(x).
    case tanh
    /// 1 / (1 + e^−x).
    case sigmoid
    /// Per-row normalisation with a learned gain and bias.
    case layerNorm(width: Int)
    /// Each row scaled to unit length.
    case l2Normalization

    /// The implementation behind the case.
    var operation: any LayerOperation {
        switch self {
        case .dense(let inputs, let outputs): Dense(inputs: inputs, outputs: outputs)
        case .relu: ReLU()
        case .tanh: Tanh()
        case .sigmoid: Sigmoid()
        case .layerNorm(let width): LayerNorm(width: width)
        case .l2Normalization: L2Normalization()
        }
    }

    /// Number of trainable values.
    public var parameterCount: Int { operation.parameterCount }

    /// The width of the output for an input of `width` values, or nil when the layer cannot take it.
    public func outputWidth(input width: Int) -> Int? {
        switch self {
        case .dense(let inputs, let outputs): inputs == width ? outputs : nil
        case .layerNorm(let normalised): normalised == width ? width : nil
        case .relu, .tanh, .sigmoid, .l2Normalization: width
        }
    }

    public var description: String {
        switch self {
        case .dense(let inputs, let outputs): "dense(\(inputs)→\(outputs))"
        case .relu: "relu"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        case .layerNorm(let width): "layer-norm(\(width))"
        case .l2Normalization: "l2-normalise"
        }
    }
}
