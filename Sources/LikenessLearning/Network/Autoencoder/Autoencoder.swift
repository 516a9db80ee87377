import LikenessNumerics

/// A convolutional autoencoder: an encoder ``Network`` from pixels to a code, and a decoder
/// ``Network`` from the code back to pixels. The code, L2-normalised, is the image's embedding.
public struct Autoencoder: Sendable, Equatable {
    public let architecture: AutoencoderArchitecture
    public var encoder: Network
    public var decoder: Network

    /// Fresh weights from `seed` (the encoder's, then the decoder's from `seed + 1`).
    public init(architecture: AutoencoderArchitecture, seed: UInt64) throws {
        try architecture.validate()
        self.architecture = architecture
        encoder = try Network(inputWidth: architecture.inputWidth, layers: architecture.encoderLayers, seed: seed)
        decoder = try Network(inputWidth: architecture.code, layers: architecture.decoderLayers, seed: seed &+ 1)
    }

    /// Saved weights: the encoder's parameters, then the decoder's.
    public init(architecture: AutoencoderArchitecture, parameters: [Float]) throws {
        try architecture.validate()
        self.architecture = architecture
        let encoderLayers = architecture.encoderLayers
        let split = encoderLayers.reduce(0) { $0 + $1.parameterCount }
        let total = split + architecture.decoderLayers.reduce(0) { $0 + $1.parameterCount }
        guard parameters.count == total else { throw NetworkError.parameterCount(expected: total, found: parameters.count) }
        encoder = try Network(inputWidth: architecture.inputWidth, layers: encoderLayers, parameters: Array(parameters[..<split]))
        decoder = try Network(inputWidth: architecture.code, layers: architecture.decoderLayers, parameters: Array(parameters[split...]))
    }

    /// Every parameter, encoder then decoder (what is saved).
    public var parameters: [Float] { encoder.parameters + decoder.parameters }

    /// The codes of a batch of images (rows of ``AutoencoderArchitecture/inputWidth`` values in [0, 1]), at inference.
    public func encode(_ images: Matrix) -> Matrix { encoder(images) }

    /// The reconstructions of a batch of images, at inference.
    public func reconstruct(_ images: Matrix) -> Matrix { decoder(encoder(images)) }

    /// The mean squared error per value between images and their reconstructions, at inference.
    public func reconstructionError(_ images: Matrix) -> Double {
        let output = reconstruct(images)
        var sum = 0.0
        for (a, b) in zip(output.values, images.values) { sum += Double(a - b) * Double(a - b) }
        return sum / Double(max(1, images.values.count))
    }
}
