import Foundation
import LikenessLearning

/// The JSON description saved beside an encoder's weights: its architecture, how its images are
/// prepared, what it was trained on and how, its validation loss per epoch, and the checksum of its weights.
///
/// Files: `<models>/encoders/<name>.json` (this manifest) and `<name>.weights` (the encoder's then
/// the decoder's parameters as little-endian float32, see ``Autoencoder/parameters``).
public struct EncoderManifest: Sendable, Codable, Equatable {
    /// The manifest format this Likeness writes and reads.
    public static let currentFormat = 1

    /// What kind of encoder: the closed set of models Likeness trains on pixels.
    public enum Kind: String, Sendable, Codable {
        /// A convolutional autoencoder whose code is the embedding.
        case autoencoder
    }

    /// What the encoder was trained on and with.
    public struct Training: Sendable, Codable, Equatable {
        /// The folder of images.
        public var dataset: String
        public var trainImages: Int
        public var validationImages: Int
        public var configuration: AutoencoderTrainer.Configuration
        /// BLAS threads: with the seed, what makes training repeat.
        public var threads: Int

        public init(dataset: String, trainImages: Int, validationImages: Int, configuration: AutoencoderTrainer.Configuration, threads: Int) {
            self.dataset = dataset
            self.trainImages = trainImages
            self.validationImages = validationImages
            self.configuration = configuration
            self.threads = threads
        }
    }

    /// How training went on the held-out images.
    public struct Validation: Sendable, Codable, Equatable {
        /// Reconstruction MSE per value (pixels in [0, 1]) of the kept epoch (its training loss without validation images).
        public var loss: Double
        /// 1-based.
        public var bestEpoch: Int
        public var epochs: [AutoencoderTrainer.Epoch]

        public init(loss: Double, bestEpoch: Int, epochs: [AutoencoderTrainer.Epoch]) {
            self.loss = loss
            self.bestEpoch = bestEpoch
            self.epochs = epochs
        }
    }

    public var format: Int
    public var name: String
    public var kind: Kind
    public var architecture: AutoencoderArchitecture
    public var training: Training
    public var validation: Validation
    public var weights: HeadManifest.Weights
    /// ISO 8601 time of saving.
    public var created: String

    public init(format: Int = currentFormat, name: String, kind: Kind = .autoencoder, architecture: AutoencoderArchitecture,
                training: Training, validation: Validation, weights: HeadManifest.Weights, created: String) {
        self.format = format
        self.name = name
        self.kind = kind
        self.architecture = architecture
        self.training = training
        self.validation = validation
        self.weights = weights
        self.created = created
    }

    /// "64×64 grey" or "64×64 RGB": what the encoder takes.
    public var inputDescription: String {
        "\(architecture.side)×\(architecture.side) \(architecture.channels == 1 ? "grey" : "RGB")"
    }
}
