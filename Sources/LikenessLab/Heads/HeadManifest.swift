import Foundation
import LikenessLearning

/// The JSON description saved beside a trained head's weights: what it is, what it was trained
/// on and how, how well it did, and the checksum of its weights.
///
/// Files: `<models>/heads/<name>.json` (this manifest) and `<models>/heads/<name>.weights` (the
/// network's parameters as little-endian float32, layer by layer, see ``Network``).
public struct HeadManifest: Sendable, Codable, Equatable {
    /// The manifest format this Likeness writes and reads.
    public static let currentFormat = 1

    /// What a head computes.
    public enum Kind: String, Sendable, Codable {
        /// A new embedding of an image (compared by cosine).
        case embedding
    }

    /// The features a head takes.
    public struct Base: Sendable, Codable, Equatable {
        /// The method name, as `eval --methods` takes it: a model id or `pixels`.
        public var method: String
        /// The SHA-256 of the model's weights, or a description of the fixed computation (pixels).
        public var fingerprint: String
        /// Values per base feature.
        public var dimension: Int
    }

    /// The network's shape.
    public struct Architecture: Sendable, Codable, Equatable {
        public var inputWidth: Int
        public var layers: [Layer]
        public var outputWidth: Int
        public var parameters: Int
    }

    /// What the head was trained on and with.
    public struct Training: Sendable, Codable, Equatable {
        public var loss: String
        public var dataset: String
        public var layout: String
        public var classes: Int
        public var trainExamples: Int
        public var validationExamples: Int
        public var configuration: TripletTrainer.Configuration
        /// BLAS threads: with the seed, what makes training repeat bit for bit.
        public var threads: Int
    }

    /// How well the head did on the held-out validation split.
    public struct Validation: Sendable, Codable, Equatable {
        /// The cut-off of the precision score (P@k).
        public var k: Int
        /// P@k of the base features on the validation split, for comparison.
        public var basePrecision: Double
        /// P@k of the kept epoch.
        public var bestPrecision: Double
        /// 1-based.
        public var bestEpoch: Int
        public var epochs: [EpochReport]
    }

    /// Where the parameters are and their checksum.
    public struct Weights: Sendable, Codable, Equatable {
        /// File name, next to the manifest.
        public var file: String
        /// Always `float32-le`.
        public var format: String
        public var count: Int
        /// SHA-256 of the file.
        public var sha256: String
    }

    public var format: Int
    public var name: String
    public var kind: Kind
    public var base: Base
    public var architecture: Architecture
    /// The standardisation applied to base features before the network.
    public var standardizer: Standardizer
    public var training: Training
    public var validation: Validation
    public var weights: Weights
    /// ISO 8601 time of saving.
    public var created: String
}
