import Foundation
import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessNumerics

/// `train triplet` and `train contrastive`: learns an embedding head on a method's frozen features
/// with the triplet or contrastive loss (``TripletTrainer/Configuration/objective``), keeps the
/// epoch that scores best on a held-out validation split, and saves the head with its manifest
/// (``HeadStore``), so `eval --methods …,NAME` and `--model NAME` can use it.
///
/// The validation split is drawn per class with a seed (``ProbeSplit``'s hold-out) from the
/// training images; a test split (an IDX t10k file) is never read for training.
///
/// Without labels (``unlabelled``), the dataset is a folder of images: each image's views
/// (``UnlabelledViews``) are its class, whole images are held out for validation, and the
/// validation score is P@k with k the views per image less one: how often an image's own edits
/// are its nearest neighbours among the held-out images' views.
public struct TrainJob: Job {
    /// The dataset: a folder per class, or an IDX folder / file.
    public var dataset: String
    /// Nil: detected as `eval` does.
    public var layout: EvalDataset.Layout?
    /// Set: learn without labels from views of the images of the folder `dataset` (``layout`` unused).
    public var unlabelled: UnlabelledViews?
    /// The base features: a model id, pixels or histogram.
    public var base: EvalMethod
    /// The head's name (a file name under `<models>/heads`).
    public var name: String
    public var training: TripletTrainer.Configuration
    /// Share of each class held out for validation. Default 0.1.
    public var validationShare: Double
    /// The validation score is P@k with this k. Default 5.
    public var validationK: Int
    /// BLAS threads for training and ONNX Runtime threads for the base model. Default 1.
    public var threads: Int
    /// A folder for cached IDX features (`.npy`), shared with `bench cluster-data`. Default nil.
    public var featureCache: String?
    /// Called after every epoch (the shell prints it).
    public var onEpoch: (@Sendable (EpochReport) -> Void)?

    public init(dataset: String, layout: EvalDataset.Layout? = nil, unlabelled: UnlabelledViews? = nil, base: EvalMethod, name: String,
                training: TripletTrainer.Configuration = .init(), validationShare: Double = 0.1, validationK: Int = 5,
                threads: Int = 1, featureCache: String? = nil, onEpoch: (@Sendable (EpochReport) -> Void)? = nil) {
        self.dataset = dataset
        self.layout = layout
        self.unlabelled = unlabelled
        self.base = base
        self.name = name
        self.training = training
        self.validationShare = validationShare
        self.validationK = validationK
        self.threads = threads
        self.featureCache = featureCache
        self.onEpoch = onEpoch
    }

    /// The saved head and how training went.
    public struct Result: Sendable, Codable {
        public var name: String
        public var manifestPath: String
        public var base: String
        public var trainExamples: Int
        public var validationExamples: Int
        public var classes: Int
        /// P@k of the base features on the validation split.
        public var baseValidationPrecision: Double
        /// P@k of the kept epoch on the validation split.
        public var bestValidationPrecision: Double
        public var bestEpoch: Int
        public var validationK: Int
        public var epochs: [EpochReport]
        /// Training seconds of each epoch (validation excluded).
        public var epochSeconds: [Double]
        public var featureSeconds: Double
        public var featuresReused: Bool
        public var weightsSHA256: String
        /// What the validation scores are: `P@k` for an embedding head, `accuracy` for a pair scorer.
        public var measure: String
        /// Without labels: the views of each image (its rows), and the images left out because a
        /// view failed. Nil when trained from labels.
        public var views: Int?
        public var imagesLeftOut: Int?
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        try HeadBase.check(base)
        guard validationShare > 0, validationShare < 1 else { throw .invalidInput("--validation takes a share between 0 and 1") }
        guard validationK >= 1 else { throw .invalidInput("the validation k must be at least 1") }
        let (store, fingerprint) = try Self.prepare(name: name, base: base, threads: threads, context: context)
        let extraction = FeatureExtraction.Configuration(models: context.models, modelThreads: max(1, threads), workers: context.workers)
        let layoutName: String, data: TrainingData, trainRows: [Int], validationRows: [Int], k: Int
        if let unlabelled {
            data = try TrainingData.unlabelled(dataset, views: unlabelled, method: base, seed: training.seed, extraction: extraction, context: context)
            (trainRows, validationRows) = TrainingData.splitByImage(labels: data.labels, share: validationShare, seed: training.seed)
            (layoutName, k) = ("unlabelled", unlabelled.views - 1)
        } else {
            let layout = self.layout ?? .detected(for: dataset)
            data = try TrainingData.load(dataset, layout: layout, method: base, cache: featureCache, extraction: extraction, context: context)
            do { try TripletTrainer.check(features: data.features, labels: data.labels) } catch { throw .invalidInput(error.description) }
            let (kept, held) = ProbeSplit.holdOut(Array(0..<data.labels.count), groups: data.labels, fraction: validationShare, seed: training.seed)
            (trainRows, validationRows) = (kept.flatMap { $0 }.sorted(), held.flatMap { $0 }.sorted())
            (layoutName, k) = (layout.rawValue, validationK)
        }
        let trainLabels = trainRows.map { data.labels[$0] }, validationLabels = validationRows.map { data.labels[$0] }
        let trainFeatures = data.features.selecting(rows: trainRows)
        do { try TripletTrainer.check(features: trainFeatures, labels: trainLabels) } catch { throw .invalidInput(error.description) }
        guard Set(validationLabels).count >= 2 else {
            let unit = unlabelled == nil ? "class" : "image"
            throw .invalidInput("the validation split holds \(Set(validationLabels).count) \(unit); give more images\(unlabelled == nil ? " per class" : "") or a larger --validation")
        }
        let standardizer = Standardizer(fittingRows: trainFeatures)
        let validationFeatures = data.features.selecting(rows: validationRows)
        let baseScore = NeighbourPrecision.score(validationFeatures, labels: validationLabels, k: k)
        let standardisedValidation = standardizer.apply(rows: validationFeatures)
        let standardisedTraining = standardizer.apply(rows: trainFeatures)
        let hardNegatives = training.hardNegatives.map {
            HardNegativeTable.compute(standardisedTraining, labels: trainLabels, candidates: $0, progress: context.progress)
        }
        let trained: TripletTrainer.Result
        do {
            trained = try TripletTrainer(configuration: training).train(
                features: standardisedTraining, labels: trainLabels, hardNegatives: hardNegatives,
                validate: { network in NeighbourPrecision.score(network(standardisedValidation), labels: validationLabels, k: k) },
                report: { onEpoch?($0) }, isCancelled: { context.cancellation.isCancelled })
        } catch {
            throw .training(error)
        }
        let weights = HeadStore.weightBytes(trained.network)
        let digest = SHA256.hash(weights).hex
        let network = trained.network
        let manifest = HeadManifest(
            format: HeadManifest.currentFormat, name: name, kind: .embedding,
            base: .init(method: base.name, fingerprint: fingerprint, dimension: data.features.columns),
            architecture: .init(inputWidth: network.inputWidth, layers: network.layers, outputWidth: network.outputWidth,
                                parameters: network.parameters.count),
            standardizer: standardizer,
            training: .init(loss: (training.objective ?? .triplet).rawValue, dataset: dataset, layout: layoutName, classes: Set(data.labels).count,
                            trainExamples: trainRows.count, validationExamples: validationRows.count, configuration: training, threads: threads,
                            views: unlabelled),
            validation: .init(k: k, basePrecision: baseScore, bestPrecision: trained.epochs[trained.bestEpoch - 1].validation ?? 0,
                              bestEpoch: trained.bestEpoch, epochs: trained.epochs),
            weights: .init(file: name + ".weights", format: "float32-le", count: network.parameters.count, sha256: digest),
            created: ISO8601DateFormatter().string(from: Date()))
        let path: String
        do { path = try store.save(manifest, weights: weights) } catch { throw .file(path: store.manifestPath(name), message: error.description) }
        return Result(name: name, manifestPath: path, base: base.name, trainExamples: trainRows.count, validationExamples: validationRows.count,
                      classes: manifest.training.classes, baseValidationPrecision: baseScore,
                      bestValidationPrecision: manifest.validation.bestPrecision, bestEpoch: trained.bestEpoch, validationK: k,
                      epochs: trained.epochs, epochSeconds: trained.epochs.map(\.seconds), featureSeconds: data.seconds,
                      featuresReused: data.reused, weightsSHA256: digest, measure: "P@\(k)", views: unlabelled?.views,
                      imagesLeftOut: unlabelled == nil ? nil : data.leftOut)
    }

    /// Checks a new head's name (valid, not a method's, model's or encoder's, not taken) and returns the store
    /// and the base's fingerprint; sets the BLAS threads.
    static func prepare(name: String, base: EvalMethod, threads: Int, context: JobContext) throws(JobError) -> (store: HeadStore, fingerprint: String) {
        let store = HeadStore(modelsDirectory: context.models.modelsDirectory)
        do throws(HeadError) {
            try HeadStore.validate(name: name, taken: TrainedName.taken(in: context.models, heads: false, encoders: true))
            if FileManager.default.fileExists(atPath: store.manifestPath(name)) { throw HeadError.exists(name: name, path: store.manifestPath(name)) }
        } catch {
            throw .invalidInput(error.description)
        }
        BLAS.setThreads(threads)
        return (store, try HeadBase.fingerprint(of: base, models: context.models))
    }
}
