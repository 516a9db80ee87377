import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessNumerics

/// `likeness train autoencoder DIR`: scans the folder into the catalog, trains a convolutional
/// autoencoder on its images without labels (``AutoencoderTrainer``), batches read from the catalog's
/// files as they are needed, and saves the kept epoch as an encoder with its manifest
/// (``EncoderStore``), so `--model NAME` embeds with it like any model.
public struct TrainAutoencoderJob: Job {
    /// The folder of images.
    public var dataset: String
    /// The encoder's name (a file name under `<models>/encoders`).
    public var name: String
    public var architecture: AutoencoderArchitecture
    public var training: AutoencoderTrainer.Configuration
    /// BLAS threads. Default 1.
    public var threads: Int
    /// Images reconstructed after some epochs for the training report (``Result/reconstructions``):
    /// held-out images spread over the set (training images when too few are held out). 0: none. Default 0.
    public var reportSample: Int
    /// Called after every epoch (the shell prints it).
    public var onEpoch: (@Sendable (AutoencoderTrainer.Epoch) -> Void)?

    public init(dataset: String, name: String, architecture: AutoencoderArchitecture = .init(), training: AutoencoderTrainer.Configuration = .init(),
                threads: Int = 1, reportSample: Int = 0, onEpoch: (@Sendable (AutoencoderTrainer.Epoch) -> Void)? = nil) {
        self.reportSample = reportSample
        self.dataset = dataset
        self.name = name
        self.architecture = architecture
        self.training = training
        self.threads = threads
        self.onEpoch = onEpoch
    }

    /// The saved encoder and how training went.
    public struct Result: Sendable, Codable {
        public var name: String
        public var manifestPath: String
        public var input: String
        public var code: Int
        public var parameters: Int
        public var trainImages: Int
        public var validationImages: Int
        /// Image reads that failed during training (each a row of zeros).
        public var failedReads: Int
        /// Validation reconstruction MSE of the kept epoch.
        public var validationLoss: Double
        public var bestEpoch: Int
        public var epochs: [AutoencoderTrainer.Epoch]
        public var weightsSHA256: String
        /// The report's sample and its reconstructions (nil without ``reportSample``); not in the JSON.
        public var reconstructions: TrainingReconstructions?

        enum CodingKeys: String, CodingKey {
            case name, manifestPath, input, code, parameters, trainImages, validationImages, failedReads, validationLoss, bestEpoch, epochs
            case weightsSHA256
        }
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        do { try architecture.validate() } catch { throw .invalidInput(error.description) }
        try InputPaths.requireExisting([dataset])
        let store = context.models.encoders
        do throws(HeadError) {
            try HeadStore.validate(name: name, taken: TrainedName.taken(in: context.models, heads: true, encoders: false))
        } catch {
            throw .invalidInput(error.description)
        }
        if FileManager.default.fileExists(atPath: store.manifestPath(name)) { throw .encoder(.store(.exists(name: name, path: store.manifestPath(name)))) }
        let catalog = try context.openStore(for: .readingAndFilling)
        _ = try context.scanFirst([dataset], into: catalog)
        let images: [CatalogImage]
        do { images = CatalogFreshness.split(try catalog.usableImages(under: [FileWalker.absolute(dataset)])).current } catch { throw .catalog(error) }
        guard images.count >= 2 else { throw .invalidInput("\(dataset) holds \(images.count) readable image\(images.count == 1 ? "" : "s"); an autoencoder needs at least 2") }
        let source = CatalogImageBatches(images: images, input: try ModelLocator.encoderInput(side: architecture.side), architecture: architecture,
                                         workers: context.workers)
        BLAS.setThreads(threads)
        let trainer = AutoencoderTrainer(configuration: training)
        let trained: AutoencoderTrainer.Result
        var reconstructions: TrainingReconstructions?
        do {
            let split = trainer.split(count: images.count)
            let sampleIndices = TrainingReconstructions.sample(reportSample, held: split.validation, train: split.train)
            let sample = sampleIndices.isEmpty ? nil : try source.images(at: sampleIndices)
            if let sample {
                reconstructions = TrainingReconstructions(paths: sampleIndices.map { images[$0].path }, inputs: (0..<sample.rows).map {
                    AutoencoderEmbeddingModel.pixels(sample.row($0), channels: architecture.channels, side: architecture.side)
                })
            }
            let total = training.epochs
            trained = try trainer.train(architecture: architecture, source: source, report: { onEpoch?($0) }, snapshot: { epoch, autoencoder in
                if let sample { reconstructions?.record(epoch: epoch.epoch, of: total, autoencoder: autoencoder, sample: sample) }
            }, isCancelled: { context.cancellation.isCancelled })
        } catch {
            throw .training(error)
        }
        let parameters = trained.autoencoder.parameters
        let weights = HeadStore.weightBytes(parameters)
        let digest = SHA256.hash(weights).hex
        let kept = trained.epochs[trained.bestEpoch - 1]
        let manifest = EncoderManifest(
            name: name, architecture: architecture,
            training: .init(dataset: dataset, trainImages: trained.trainIndices.count, validationImages: trained.validationIndices.count,
                            configuration: training, threads: threads),
            validation: .init(loss: kept.validation ?? kept.reconstruction, bestEpoch: trained.bestEpoch, epochs: trained.epochs),
            weights: .init(file: name + ".weights", format: "float32-le", count: parameters.count, sha256: digest),
            created: ISO8601DateFormatter().string(from: Date()))
        let path: String
        do { path = try store.save(manifest, weights: weights) } catch { throw .encoder(error) }
        return Result(name: name, manifestPath: path, input: manifest.inputDescription, code: architecture.code, parameters: parameters.count,
                      trainImages: trained.trainIndices.count, validationImages: trained.validationIndices.count, failedReads: source.failures,
                      validationLoss: manifest.validation.loss, bestEpoch: trained.bestEpoch, epochs: trained.epochs, weightsSHA256: digest,
                      reconstructions: reconstructions)
    }
}
