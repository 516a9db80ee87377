/// The shape of one example's feature maps: `channels` planes of `height × width` values, stored
/// channel by channel and row by row (NCHW) in one row of a batch ``LikenessNumerics/Matrix``.
public struct FeatureMaps: Sendable, Codable, Equatable, CustomStringConvertible {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Values in one plane.
    public var plane: Int { height * width }
    /// Values per example.
    public var count: Int { channels * height * width }

    public var description: String { "\(channels)×\(height)×\(width)" }
}

/// A 2-D convolution's shape: its input maps, its output channels, a square kernel, the stride
/// and the zero padding on every side.
public struct Convolution: Sendable, Codable, Equatable {
    public var input: FeatureMaps
    public var outputChannels: Int
    public var kernel: Int
    public var stride: Int
    public var padding: Int

    public init(input: FeatureMaps, outputChannels: Int, kernel: Int = 3, stride: Int = 1, padding: Int = 1) {
        self.input = input
        self.outputChannels = outputChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }

    /// The output maps; nil when the kernel does not fit or a size is not positive.
    public var output: FeatureMaps? {
        guard input.channels > 0, outputChannels > 0, kernel > 0, stride > 0, padding >= 0 else { return nil }
        let h = (input.height + 2 * padding - kernel) / stride + 1, w = (input.width + 2 * padding - kernel) / stride + 1
        guard input.height + 2 * padding >= kernel, input.width + 2 * padding >= kernel, h > 0, w > 0 else { return nil }
        return FeatureMaps(channels: outputChannels, height: h, width: w)
    }

    /// Rows of the unfolded input (im2col): one per input channel and kernel position.
    var patchLength: Int { input.channels * kernel * kernel }
}

/// A square window over feature maps, moved by its own size (no overlap): max pooling, or nearest
/// upsampling by the same factor.
public struct Window: Sendable, Codable, Equatable {
    public var input: FeatureMaps
    public var size: Int

    public init(input: FeatureMaps, size: Int = 2) {
        self.input = input
        self.size = size
    }

    /// The maps after pooling: each side divided by ``size``; nil unless both sides divide.
    public var pooled: FeatureMaps? {
        guard size > 0, input.count > 0, input.height % size == 0, input.width % size == 0 else { return nil }
        return FeatureMaps(channels: input.channels, height: input.height / size, width: input.width / size)
    }

    /// The maps after upsampling: each side multiplied by ``size``.
    public var upsampled: FeatureMaps? {
        guard size > 0, input.count > 0 else { return nil }
        return FeatureMaps(channels: input.channels, height: input.height * size, width: input.width * size)
    }
}
