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
        /// A pair scorer: the probability that two images are alike, from their base features.
        case scorer
    }

    /// The features a head takes.
    public struct Base: Sendable, Codable, Equatable {
        /// The method name, as `eval --methods` takes it: a model id or `pixels`.
        public var method: String
        /// The SHA-256 of the model's weights, or a description of the fixed computation (pixels).
        public var fingerprint: String
        /// Values per base feature.
        public var dimension: Int

        public init(method: String, fingerprint: String, dimension: Int) {
            self.method = method
            self.fingerprint = fingerprint
            self.dimension = dimension
        }
    }

    /// The network's shape. For a pair scorer, ``layers`` are the shared tower and ``fusion`` the
    /// layers from the 3 fused features (cosine, distance, dot) to the probability; the weights
    /// file holds the tower's parameters, then the fusion's.
    public struct Architecture: Sendable, Codable, Equatable {
        public var inputWidth: Int
        public var layers: [Layer]
        /// The tower's output width (an embedding's width, for an embedding head).
        public var outputWidth: Int
        /// Every parameter, tower and fusion.
        public var parameters: Int
        /// A pair scorer's fusion layers; nil for an embedding head.
        public var fusion: [Layer]?

        public init(inputWidth: Int, layers: [Layer], outputWidth: Int, parameters: Int, fusion: [Layer]? = nil) {
            self.inputWidth = inputWidth
            self.layers = layers
            self.outputWidth = outputWidth
            self.parameters = parameters
            self.fusion = fusion
        }
    }

    /// What the head was trained on and with.
    public struct Training: Sendable, Codable, Equatable {
        public var loss: String
        public var dataset: String
        public var layout: String
        public var classes: Int
        public var trainExamples: Int
        public var validationExamples: Int
        /// An embedding head's settings (triplet or contrastive).
        public var configuration: TripletTrainer.Configuration?
        /// A pair scorer's settings.
        public var scorer: SiameseTrainer.Configuration?
        /// BLAS threads: with the seed, what makes training repeat bit for bit.
        public var threads: Int
        /// For a head learnt without labels (layout `unlabelled`): the views drawn of each image,
        /// which play the part of classes. Nil for a head learnt from labels.
        public var views: UnlabelledViews?

        public init(loss: String, dataset: String, layout: String, classes: Int, trainExamples: Int, validationExamples: Int,
                    configuration: TripletTrainer.Configuration?, scorer: SiameseTrainer.Configuration? = nil, threads: Int,
                    views: UnlabelledViews? = nil) {
            self.views = views
            self.loss = loss
            self.dataset = dataset
            self.layout = layout
            self.classes = classes
            self.trainExamples = trainExamples
            self.validationExamples = validationExamples
            self.configuration = configuration
            self.scorer = scorer
            self.threads = threads
        }
    }

    /// How well the head did on the held-out validation split: P@k for an embedding head, the
    /// share of pairs on the right side of 0.5 (accuracy) for a pair scorer.
    public struct Validation: Sendable, Codable, Equatable {
        /// The cut-off of the precision score (P@k); 0 for a pair scorer.
        public var k: Int
        /// The score of the base features alone on the validation split, for comparison: P@k, or
        /// for a scorer the accuracy of the best cosine threshold.
        public var basePrecision: Double
        /// The score of the kept epoch.
        public var bestPrecision: Double
        /// 1-based.
        public var bestEpoch: Int
        public var epochs: [EpochReport]

        public init(k: Int, basePrecision: Double, bestPrecision: Double, bestEpoch: Int, epochs: [EpochReport]) {
            self.k = k
            self.basePrecision = basePrecision
            self.bestPrecision = bestPrecision
            self.bestEpoch = bestEpoch
            self.epochs = epochs
        }
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

        public init(file: String, format: String, count: Int, sha256: String) {
            self.file = file
            self.format = format
            self.count = count
            self.sha256 = sha256
        }
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

    public init(format: Int, name: String, kind: Kind, base: Base, architecture: Architecture, standardizer: Standardizer,
                training: Training, validation: Validation, weights: Weights, created: String) {
        self.format = format
        self.name = name
        self.kind = kind
        self.base = base
        self.architecture = architecture
        self.standardizer = standardizer
        self.training = training
        self.validation = validation
        self.weights = weights
        self.created = created
    }
}
