import Foundation
import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessNumerics

/// `train siamese`: learns a pair scorer (``SiameseScorer``) on a method's frozen features, keeps
/// the epoch with the best accuracy on held-out pairs, and saves it as a head of kind `scorer`,
/// which `compare --scorer NAME` and `calibrate --method scorer:NAME` use.
///
/// The pairs come from a class dataset (each epoch pairs every training image with a random one of
/// its class and one of another; validation pairs are drawn once from a seeded per-class hold-out)
/// or from a labelled-pairs CSV (a seeded share of the pairs is held out).
public struct TrainScorerJob: Job {
    /// Where the labelled pairs come from.
    public enum Source: Sendable {
        /// A folder per class or an IDX folder / file (nil layout: detected as `eval` does).
        case classes(String, layout: EvalDataset.Layout?)
        /// A labelled-pairs CSV: `path_a,path_b,label`.
        case pairs(String)

        var location: String {
            switch self {
            case .classes(let dataset, _): dataset
            case .pairs(let file): file
            }
        }
    }

    public var source: Source
    /// The base features: a model id, pixels, histogram or HOG.
    public var base: EvalMethod
    public var name: String
    public var training: SiameseTrainer.Configuration
    /// Share held out for validation (of each class, or of the pairs). Default 0.1.
    public var validationShare: Double
    /// BLAS threads for training and ONNX Runtime threads for the base model. Default 1.
    public var threads: Int
    /// A folder for cached IDX features (`.npy`). Default nil.
    public var featureCache: String?
    public var onEpoch: (@Sendable (EpochReport) -> Void)?

    public init(source: Source, base: EvalMethod, name: String, training: SiameseTrainer.Configuration = .init(), validationShare: Double = 0.1,
                threads: Int = 1, featureCache: String? = nil, onEpoch: (@Sendable (EpochReport) -> Void)? = nil) {
        self.source = source
        self.base = base
        self.name = name
        self.training = training
        self.validationShare = validationShare
        self.threads = threads
        self.featureCache = featureCache
        self.onEpoch = onEpoch
    }

    /// The training features, the training pairs and the fixed validation pairs.
    struct Prepared {
        var features: Matrix
        var training: TrainingPairs
        var trainingCount: Int
        var validation: [ContrastiveLoss.Pair]
        var classes: Int
        var layout: String
        var seconds: Double
        var reused: Bool
    }

    public func run(in context: JobContext) throws(JobError) -> TrainJob.Result {
        try HeadBase.check(base)
        guard validationShare > 0, validationShare < 1 else { throw .invalidInput("--validation takes a share between 0 and 1") }
        let (store, fingerprint) = try TrainJob.prepare(name: name, base: base, threads: threads, context: context)
        let extraction = FeatureExtraction.Configuration(models: context.models, modelThreads: max(1, threads), workers: context.workers)
        let prepared = try prepare(extraction: extraction, context: context)
        guard !prepared.validation.isEmpty else { throw .invalidInput("no validation pairs; give more pairs or a larger --validation") }
        let standardizer = Standardizer(fittingRows: prepared.features)
        let standardised = standardizer.apply(rows: prepared.features)
        let validation = prepared.validation
        let baseScore = Self.bestCosineAccuracy(prepared.features, validation)
        let trained: SiameseTrainer.Result
        do {
            trained = try SiameseTrainer(configuration: training).train(
                features: standardised, pairs: prepared.training,
                validate: { tower, fusion in Self.accuracy(tower: tower, fusion: fusion, standardised, validation) },
                report: { onEpoch?($0) }, isCancelled: { context.cancellation.isCancelled })
        } catch {
            throw .training(error)
        }
        let parameters = trained.tower.parameters + trained.fusion.parameters
        let weights = HeadStore.weightBytes(parameters)
        let digest = SHA256.hash(weights).hex
        let best = trained.epochs[trained.bestEpoch - 1].validation ?? 0
        let manifest = HeadManifest(
            format: HeadManifest.currentFormat, name: name, kind: .scorer,
            base: .init(method: base.name, fingerprint: fingerprint, dimension: prepared.features.columns),
            architecture: .init(inputWidth: trained.tower.inputWidth, layers: trained.tower.layers, outputWidth: trained.tower.outputWidth,
                                parameters: parameters.count, fusion: trained.fusion.layers),
            standardizer: standardizer,
            training: .init(loss: "binary-cross-entropy", dataset: source.location, layout: prepared.layout, classes: prepared.classes,
                            trainExamples: prepared.trainingCount, validationExamples: validation.count, configuration: nil, scorer: training,
                            threads: threads),
            validation: .init(k: 0, basePrecision: baseScore, bestPrecision: best, bestEpoch: trained.bestEpoch, epochs: trained.epochs),
            weights: .init(file: name + ".weights", format: "float32-le", count: parameters.count, sha256: digest),
            created: ISO8601DateFormatter().string(from: Date()))
        let path: String
        do { path = try store.save(manifest, weights: weights) } catch { throw .file(path: store.manifestPath(name), message: error.description) }
        return TrainJob.Result(name: name, manifestPath: path, base: base.name, trainExamples: prepared.trainingCount,
                               validationExamples: validation.count, classes: prepared.classes, baseValidationPrecision: baseScore,
                               bestValidationPrecision: best, bestEpoch: trained.bestEpoch, validationK: 0, epochs: trained.epochs,
                               epochSeconds: trained.epochs.map(\.seconds), featureSeconds: prepared.seconds, featuresReused: prepared.reused,
                               weightsSHA256: digest, measure: "accuracy")
    }

    /// Reads the source: the features once, the training pairs and the validation pairs.
    func prepare(extraction: FeatureExtraction.Configuration, context: JobContext) throws(JobError) -> Prepared {
        var random = SeededRandom(seed: training.seed &+ 7)
        switch source {
        case .pairs(let file):
            let read = try TrainingPairsFile.load(file, method: base, extraction: extraction, context: context)
            let shuffled = random.shuffled(read.pairs)
            let held = max(1, Int((Double(shuffled.count) * validationShare).rounded()))
            guard shuffled.count > held else { throw .invalidInput("\(file) has \(shuffled.count) usable pairs; a scorer needs at least 2 (one to train, one to validate)") }
            let kept = Array(shuffled[held...])
            guard Set(kept.map(\.same)).count == 2 else { throw .invalidInput("the training pairs of \(file) are all of one label; label more pairs of each kind") }
            return Prepared(features: read.features, training: .fixed(kept), trainingCount: kept.count, validation: Array(shuffled[..<held]),
                            classes: 2, layout: "pairs", seconds: read.seconds, reused: false)
        case .classes(let dataset, let layout):
            let layout = layout ?? .detected(for: dataset)
            let data = try TrainingData.load(dataset, layout: layout, method: base, cache: featureCache, extraction: extraction, context: context)
            do { try TripletTrainer.check(features: data.features, labels: data.labels) } catch { throw .invalidInput(error.description) }
            let (kept, held) = ProbeSplit.holdOut(Array(0..<data.labels.count), groups: data.labels, fraction: validationShare, seed: training.seed)
            let (trainRows, validationRows) = (kept.flatMap { $0 }.sorted(), held.flatMap { $0 }.sorted())
            let trainLabels = trainRows.map { data.labels[$0] }, validationLabels = validationRows.map { data.labels[$0] }
            guard Set(validationLabels).count >= 2 else {
                throw .invalidInput("the validation split holds \(Set(validationLabels).count) class; give more images per class or a larger --validation")
            }
            do { try TripletTrainer.check(features: data.features.selecting(rows: trainRows), labels: trainLabels) } catch {
                throw .invalidInput(error.description)
            }
            // Rows are the training rows, then the validation rows; validation pairs index the latter.
            let features = data.features.selecting(rows: trainRows + validationRows)
            let validation = TrainingPairs.classes(validationLabels).epoch(&random).map {
                ContrastiveLoss.Pair($0.first + trainRows.count, $0.second + trainRows.count, same: $0.same)
            }
            return Prepared(features: features, training: .classes(trainLabels), trainingCount: trainRows.count * 2,
                            validation: validation, classes: Set(data.labels).count, layout: layout.rawValue, seconds: data.seconds, reused: data.reused)
        }
    }

    /// The share of `pairs` the scorer puts on the right side of 0.5.
    static func accuracy(tower: Network, fusion: Network, _ standardised: Matrix, _ pairs: [ContrastiveLoss.Pair]) -> Double {
        let a = tower(standardised.selecting(rows: pairs.map(\.first))), b = tower(standardised.selecting(rows: pairs.map(\.second)))
        let p = fusion(PairFusion.forward(a, b)).values
        return Double(zip(p, pairs).filter { ($0 >= 0.5) == $1.same }.count) / Double(pairs.count)
    }

    /// The accuracy of the base features' cosine at its best threshold on `pairs`, for comparison.
    static func bestCosineAccuracy(_ features: Matrix, _ pairs: [ContrastiveLoss.Pair]) -> Double {
        let scored = pairs.map { ($0.same, features.row($0.first).cosineSimilarity(to: features.row($0.second))) }.sorted { $0.1 < $1.1 }
        // A threshold just above position i calls every pair from i + 1 on the same.
        var correct = scored.filter(\.0).count, best = correct
        for (same, _) in scored {
            correct += same ? -1 : 1
            best = max(best, correct)
        }
        return Double(best) / Double(pairs.count)
    }
}
