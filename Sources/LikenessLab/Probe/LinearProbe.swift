import LikenessEngine
import Foundation
import LikenessCore
import LikenessLearning

/// A linear probe: how well a softmax classifier on a method's frozen features separates the classes.
///
/// Features of the training split fit a ``Standardizer`` (mean and standard deviation per
/// dimension); both splits are standardised with it, a ``SoftmaxRegression`` is trained on the
/// training split by ``SoftmaxTrainer``, and its accuracy is measured on both splits. Images without
/// a feature are left out and counted. Raw pixels are the baseline a learned feature should beat.
///
/// With several L2 strengths, the strength is chosen on the training split alone: a seeded,
/// stratified ``Configuration/validationFraction`` of it is held out, a classifier is fitted on
/// the rest for each strength, the best validation accuracy wins (the stronger penalty on ties),
/// and the final classifier is fitted on the whole training split with it. The test split is never
/// used to choose.
public struct LinearProbe: Sendable {
    /// How the probe trains.
    public struct Configuration: Sendable {
        /// The optimiser; its `l2` is replaced by each candidate.
        public var training: SoftmaxTrainer.Configuration
        /// L2 strengths to try. Default 1e-4, 1e-3, 1e-2, 1e-1, 1.
        public var l2Candidates: [Float]
        /// Share of each class of the training split held out to choose the L2 strength. Default 0.2.
        public var validationFraction: Double

        public init(training: SoftmaxTrainer.Configuration = SoftmaxTrainer.Configuration(),
                    l2Candidates: [Float] = [1e-4, 1e-3, 1e-2, 1e-1, 1], validationFraction: Double = 0.2) {
            precondition(!l2Candidates.isEmpty, "the probe needs at least one L2 strength")
            self.training = training
            self.l2Candidates = l2Candidates
            self.validationFraction = validationFraction
        }
    }

    /// Validation accuracy of one L2 strength.
    public struct Candidate: Sendable, Codable, Equatable {
        public var l2: Float
        public var validationAccuracy: Double
    }

    /// One method's probe.
    public struct Result: Sendable, Codable {
        public var method: String
        /// Length of the feature vector.
        public var dimension: Int
        public var trainImages: Int
        public var testImages: Int
        /// Images without a feature (failed to decode or embed), left out of both splits.
        public var skipped: Int
        /// The L2 strength of the final classifier.
        public var l2: Float
        /// Every candidate's validation accuracy (empty when only one strength was given).
        public var validation: [Candidate]
        public var trainAccuracy: Double
        public var testAccuracy: Double
        /// Mean training objective (cross-entropy plus L2 term) in the last epoch.
        public var finalLoss: Double
        /// Time to compute the features, when the caller measured it.
        public var featureSeconds: Double?
        /// Time to choose the strength, standardise, train and score.
        public var trainSeconds: Double
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Trains on `split.train` and scores both splits with `features` (one per dataset image).
    public func run(method: String, features: RetrievalEvaluation.Features, split: ProbeSplit) throws(EvalError) -> Result {
        let started = Date()
        let vectors = features.vectors
        let train = split.train.filter { vectors[$0] != nil }, test = split.test.filter { vectors[$0] != nil }
        guard let first = train.first, !test.isEmpty else {
            throw EvalError.method(method, "no usable features in the \(train.isEmpty ? "training" : "test") split")
        }
        let classes = max(split.dataset.groupNames.count, (train + test).map { split.dataset.groups[$0] }.max()! + 1)
        var validation: [Candidate] = []
        var l2 = configuration.l2Candidates[0]
        if configuration.l2Candidates.count > 1 {
            let (kept, held) = ProbeSplit.holdOut(train, groups: split.dataset.groups, fraction: configuration.validationFraction,
                                                  seed: configuration.training.seed)
            let (fit, check) = (kept.flatMap { $0 }.sorted(), held.flatMap { $0 }.sorted())
            guard !check.isEmpty else { throw EvalError.method(method, "too few training images to hold out a validation part") }
            for candidate in configuration.l2Candidates {
                let accuracy = fitAndScore(vectors, split.dataset.groups, fit: fit, score: [check], classes: classes, l2: candidate).accuracies[0]
                validation.append(Candidate(l2: candidate, validationAccuracy: accuracy))
            }
            l2 = validation.max { ($0.validationAccuracy, $0.l2) < ($1.validationAccuracy, $1.l2) }!.l2
        }
        let final = fitAndScore(vectors, split.dataset.groups, fit: train, score: [train, test], classes: classes, l2: l2)
        return Result(method: method, dimension: vectors[first]!.count, trainImages: train.count, testImages: test.count,
                      skipped: split.train.count + split.test.count - train.count - test.count, l2: l2, validation: validation,
                      trainAccuracy: final.accuracies[0], testAccuracy: final.accuracies[1], finalLoss: final.loss,
                      featureSeconds: nil, trainSeconds: Date().timeIntervalSince(started))
    }

    /// Standardises with the `fit` rows, trains on them with strength `l2`, and returns the accuracy
    /// on each list of `score` positions and the last epoch's objective.
    private func fitAndScore(_ vectors: [[Float]?], _ groups: [Int], fit: [Int], score: [[Int]], classes: Int,
                             l2: Float) -> (accuracies: [Double], loss: Double) {
        let standardizer = Standardizer(fitting: fit.map { vectors[$0]! })
        var training = configuration.training
        training.l2 = l2
        let fitted = SoftmaxTrainer(configuration: training).train(rows: fit.map { standardizer.apply(vectors[$0]!) },
                                                                  labels: fit.map { groups[$0] }, classes: classes)
        let accuracies = score.map { positions in
            fitted.model.accuracy(positions.map { standardizer.apply(vectors[$0]!) }, labels: positions.map { groups[$0] })
        }
        return (accuracies, fitted.epochLosses.last ?? 0)
    }
}
