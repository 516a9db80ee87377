import Foundation
import LikenessCore
import LikenessLearning

/// A linear probe: how well a softmax classifier on a method's frozen features separates the classes.
///
/// Features of the training split fit a ``Standardizer`` (mean and standard deviation per
/// dimension); both splits are standardised with it, a ``SoftmaxRegression`` is trained on the
/// training split by ``SoftmaxTrainer``, and its accuracy is measured on both splits. Images without
/// a feature are left out and counted. Raw pixels are the baseline a learned feature should beat.
public struct LinearProbe: Sendable {
    /// One method's probe.
    public struct Result: Sendable, Codable {
        public var method: String
        /// Length of the feature vector.
        public var dimension: Int
        public var trainImages: Int
        public var testImages: Int
        /// Images without a feature (failed to decode or embed), left out of both splits.
        public var skipped: Int
        public var trainAccuracy: Double
        public var testAccuracy: Double
        /// Mean training objective (cross-entropy plus L2 term) in the last epoch.
        public var finalLoss: Double
        /// Time to compute the features, when the caller measured it.
        public var featureSeconds: Double?
        /// Time to standardise, train and score.
        public var trainSeconds: Double
    }

    public let trainer: SoftmaxTrainer

    public init(configuration: SoftmaxTrainer.Configuration = SoftmaxTrainer.Configuration()) {
        trainer = SoftmaxTrainer(configuration: configuration)
    }

    /// Trains on `split.train` and scores both splits with `features` (one per dataset image).
    public func run(method: String, features: RetrievalEvaluation.Features, split: ProbeSplit) throws(EvalError) -> Result {
        let started = Date()
        let vectors = features.vectors
        let train = split.train.filter { vectors[$0] != nil }, test = split.test.filter { vectors[$0] != nil }
        guard let first = train.first, !test.isEmpty else {
            throw EvalError.method(method, "no usable features in the \(train.isEmpty ? "training" : "test") split")
        }
        let standardizer = Standardizer(fitting: train.map { vectors[$0]! })
        let trainRows = train.map { standardizer.apply(vectors[$0]!) }, testRows = test.map { standardizer.apply(vectors[$0]!) }
        let trainLabels = train.map { split.dataset.groups[$0] }, testLabels = test.map { split.dataset.groups[$0] }
        let classes = max(split.dataset.groupNames.count, (trainLabels + testLabels).max()! + 1)
        let fitted = trainer.train(rows: trainRows, labels: trainLabels, classes: classes)
        return Result(method: method, dimension: vectors[first]!.count, trainImages: train.count, testImages: test.count,
                      skipped: split.train.count + split.test.count - train.count - test.count,
                      trainAccuracy: fitted.model.accuracy(trainRows, labels: trainLabels),
                      testAccuracy: fitted.model.accuracy(testRows, labels: testLabels),
                      finalLoss: fitted.epochLosses.last ?? 0, featureSeconds: nil,
                      trainSeconds: Date().timeIntervalSince(started))
    }
}
