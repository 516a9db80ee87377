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
    /// A 2-D convolution over each row's feature maps (im2col and sgemm).
    case conv2d(Convolution)
    /// Per-channel batch normalisation over `channels` planes of `plane` values (1 after a dense layer).
    case batchNorm(channels: Int, plane: Int)
    /// Max pooling over non-overlapping windows.
    case maxPool(Window)
    /// Nearest-neighbour upsampling by the window's size.
    case upsample(Window)
    /// Each dimension scaled by a learned softmax weighting of the row (``AttentionWeighting``).
    case attention(width: Int)
    /// Inverted dropout of this share of values in training, the identity at inference (``Dropout``).
    case dropout(rate: Float)

    /// The implementation behind the case.
    var operation: any LayerOperation {
        switch self {
        case .dense(let inputs, let outputs): Dense(inputs: inputs, outputs: outputs)
        case .relu: ReLU()
        case .tanh: Tanh()
        case .sigmoid: Sigmoid()
        case .layerNorm(let width): LayerNorm(width: width)
        case .l2Normalization: L2Normalization()
        case .conv2d(let shape): Conv2d(shape)
        case .batchNorm(let channels, let plane): BatchNorm(channels: channels, plane: plane)
        case .maxPool(let window): MaxPool(window)
        case .upsample(let window): Upsample(window)
        case .attention(let width): AttentionWeighting(width: width)
        case .dropout(let rate): Dropout(rate: rate)
        }
    }

    /// Number of trainable values.
    public var parameterCount: Int { operation.parameterCount }

    /// The width of the output for an input of `width` values, or nil when the layer cannot take it.
    public func outputWidth(input width: Int) -> Int? {
        switch self {
        case .dense(let inputs, let outputs): inputs == width ? outputs : nil
        case .layerNorm(let normalised), .attention(let normalised): normalised == width ? width : nil
        case .relu, .tanh, .sigmoid, .l2Normalization: width
        case .dropout(let rate): rate >= 0 && rate < 1 ? width : nil
        case .conv2d(let shape): shape.input.count == width ? shape.output?.count : nil
        case .batchNorm(let channels, let plane): channels > 0 && plane > 0 && channels * plane == width ? width : nil
        case .maxPool(let window): window.input.count == width ? window.pooled?.count : nil
        case .upsample(let window): window.input.count == width ? window.upsampled?.count : nil
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
        case .conv2d(let shape):
            "conv\(shape.kernel)x\(shape.kernel)(\(shape.input)→\(shape.output.map(\.description) ?? "?")\(shape.stride > 1 ? ", stride \(shape.stride)" : ""))"
        case .batchNorm(let channels, let plane): "batch-norm(\(channels)×\(plane))"
        case .maxPool(let window): "max-pool\(window.size)(\(window.input))"
        case .upsample(let window): "upsample\(window.size)(\(window.input))"
        case .attention(let width): "attention(\(width))"
        case .dropout(let rate): "dropout(\(rate))"
        }
    }
}
