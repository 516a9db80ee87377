import Foundation
import LikenessCore
import LikenessEngine
import LikenessLearning

/// `eval probe`: train and test accuracy of a linear (softmax) probe on each method's frozen
/// features; raw pixels are the baseline.
public struct ProbeJob: Job {
    /// The dataset folder (or IDX folder or file).
    public var dataset: String
    /// How groups are read from file names. Default nil: detected by ``EvalDataset/Layout/detected(for:)``.
    public var layout: EvalDataset.Layout?
    /// Methods, in output order. Default: EfficientNet-Lite0, histogram, pHash, raw pixels.
    public var methods: [EvalMethod]
    /// Test fraction, limits and the split's seed. Defaults: see ``ProbeSplit/Configuration``.
    public var split: ProbeSplit.Configuration
    /// Optimiser, L2 candidates and validation fraction. Defaults: see ``Training``.
    public var training: Training
    /// ONNX Runtime threads for embedding models. Default 1.
    public var threads: Int

    public init(dataset: String, layout: EvalDataset.Layout? = nil,
                methods: [EvalMethod] = [.embedding(ModelDefaults.model), .histogram, .hash(.pHash), .pixels],
                split: ProbeSplit.Configuration = ProbeSplit.Configuration(), training: Training = Training(), threads: Int = 1) {
        self.dataset = dataset
        self.layout = layout
        self.methods = methods
        self.split = split
        self.training = training
        self.threads = threads
    }

    /// How the probe trains (the JSON shows these too).
    public struct Training: Codable, Sendable {
        /// Passes over the training images. Default 30.
        public var epochs: Int
        /// Images per gradient step. Default 64.
        public var batchSize: Int
        /// Adam's initial step size. Default 0.01.
        public var learningRate: Float
        /// Steps trained at least, however few the images. Default: the trainer's.
        public var minimumSteps: Int
        /// Seeds the training order (and the validation hold-out). Default 1.
        public var seed: UInt64
        /// L2 strengths to choose from on a validation part. Default 1e-4 … 1.
        public var l2Candidates: [Float]
        /// Share of each class of the training split held out to choose the L2 strength. Default 0.2.
        public var validationFraction: Double

        public init(epochs: Int? = nil, batchSize: Int? = nil, learningRate: Float? = nil, minimumSteps: Int? = nil, seed: UInt64 = 1,
                    l2Candidates: [Float]? = nil, validationFraction: Double? = nil) {
            let trainer = SoftmaxTrainer.Configuration(), probe = LinearProbe.Configuration()
            self.epochs = epochs ?? trainer.epochs
            self.batchSize = batchSize ?? trainer.batchSize
            self.learningRate = learningRate ?? trainer.learningRate
            self.minimumSteps = minimumSteps ?? trainer.minimumSteps
            self.seed = seed
            self.l2Candidates = l2Candidates ?? probe.l2Candidates
            self.validationFraction = validationFraction ?? probe.validationFraction
        }

        /// The probe's configuration.
        var probe: LinearProbe.Configuration {
            var trainer = SoftmaxTrainer.Configuration(epochs: epochs, batchSize: batchSize, learningRate: learningRate, seed: seed)
            trainer.minimumSteps = minimumSteps
            return LinearProbe.Configuration(training: trainer, l2Candidates: l2Candidates, validationFraction: validationFraction)
        }
    }

    /// Every method's probe.
    public struct Result: Codable, Sendable {
        public var dataset: String
        public var layout: String
        public var classes: Int
        public var train: Int
        public var test: Int
        public var training: Training
        public var methods: [LinearProbe.Result]
        /// Per method, images without a feature (not encoded).
        public var missingFeatures: [Int] = []
        /// Images in the dataset (not encoded).
        public var images = 0

        private enum CodingKeys: String, CodingKey { case dataset, layout, classes, train, test, training, methods }
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        guard !methods.isEmpty else { throw .invalidInput("give at least one method") }
        guard !training.l2Candidates.isEmpty, training.epochs > 0, training.batchSize > 0, training.learningRate > 0 else {
            throw .invalidInput("the probe needs an L2 strength and positive epochs, batch size and learning rate")
        }
        let layout = self.layout ?? .detected(for: dataset)
        let loaded: ProbeSplit
        do { loaded = try ProbeSplit.load(dataset, layout: layout, configuration: split) } catch { throw .invalidInput(error.description) }
        let extraction = FeatureExtraction(configuration: .init(models: context.models, modelThreads: max(1, threads), workers: context.workers))
        let linear = LinearProbe(configuration: training.probe)
        var result = Result(dataset: dataset, layout: layout.rawValue, classes: loaded.dataset.groupNames.count,
                            train: loaded.train.count, test: loaded.test.count,
                            training: training, methods: [], images: loaded.dataset.paths.count)
        for method in methods {
            try context.checkCancellation()
            let started = ContinuousClock.now
            let features = try extraction.features(method, of: loaded.dataset, progress: context.progress, cancellation: context.cancellation)
            let seconds = (ContinuousClock.now - started).seconds
            do {
                var probed = try linear.run(method: method.name, features: features, split: loaded)
                probed.featureSeconds = seconds
                result.methods.append(probed)
            } catch {
                throw .invalidInput(error.description)
            }
            result.missingFeatures.append(features.failures)
        }
        return result
    }
}
