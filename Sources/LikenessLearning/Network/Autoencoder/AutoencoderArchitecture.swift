/// The shape of a convolutional autoencoder: square images of ``side`` pixels and ``channels``
/// colour channels, ``stages`` of convolution and pooling down to a code of ``code`` values, and
/// the mirror image back up.
///
/// Encoder, per stage: conv 3×3 (padding 1) → batch norm → ReLU → max-pool 2; then a dense layer
/// to the code. Decoder: a dense layer from the code and ReLU, then per stage: upsample 2 →
/// conv 3×3, with batch norm and ReLU except after the last, which ends in a sigmoid (pixels in [0, 1]).
public struct AutoencoderArchitecture: Sendable, Codable, Equatable {
    /// Image side in pixels (width = height). Must be divisible by 2^stages.
    public var side: Int
    /// 1 (grey) or 3 (RGB).
    public var channels: Int
    /// Width of the code (the embedding).
    public var code: Int
    /// Convolution channels of each stage, input first. Default 16, 32.
    public var widths: [Int]

    public init(side: Int = 64, channels: Int = 1, code: Int = 64, widths: [Int] = [16, 32]) {
        self.side = side
        self.channels = channels
        self.code = code
        self.widths = widths
    }

    /// Values per image: channels × side × side.
    public var inputWidth: Int { channels * side * side }

    /// The maps at the encoder's deepest stage.
    var deepest: FeatureMaps {
        let reduced = side >> widths.count
        return FeatureMaps(channels: widths.last ?? channels, height: reduced, width: reduced)
    }

    /// Refuses shapes that cannot be built.
    public func validate() throws(TrainingError) {
        guard [1, 3].contains(channels) else { throw .invalidConfiguration("an autoencoder takes 1 (grey) or 3 (RGB) channels, not \(channels)") }
        guard code >= 1 else { throw .invalidConfiguration("the code needs at least 1 value") }
        guard !widths.isEmpty, widths.allSatisfy({ $0 >= 1 }) else { throw .invalidConfiguration("every stage needs at least 1 channel") }
        let factor = 1 << widths.count
        guard side >= factor, side % factor == 0 else {
            throw .invalidConfiguration("the side (\(side)) must be a multiple of \(factor) for \(widths.count) pooling stages")
        }
    }

    /// The encoder's layers, pixels to code.
    public var encoderLayers: [Layer] {
        var layers: [Layer] = []
        var maps = FeatureMaps(channels: channels, height: side, width: side)
        for width in widths {
            layers += [.conv2d(Convolution(input: maps, outputChannels: width)), .batchNorm(channels: width, plane: maps.plane), .relu]
            maps.channels = width
            layers.append(.maxPool(Window(input: maps)))
            maps = FeatureMaps(channels: width, height: maps.height / 2, width: maps.width / 2)
        }
        return layers + [.dense(inputs: maps.count, outputs: code)]
    }

    /// The decoder's layers, code to pixels.
    public var decoderLayers: [Layer] {
        var maps = deepest
        var layers: [Layer] = [.dense(inputs: code, outputs: maps.count), .relu]
        for stage in widths.indices.reversed() {
            layers.append(.upsample(Window(input: maps)))
            maps = FeatureMaps(channels: maps.channels, height: maps.height * 2, width: maps.width * 2)
            let next = stage == 0 ? channels : widths[stage - 1]
            layers.append(.conv2d(Convolution(input: maps, outputChannels: next)))
            maps.channels = next
            layers += stage == 0 ? [.sigmoid] : [.batchNorm(channels: next, plane: maps.plane), .relu]
        }
        return layers
    }
}
