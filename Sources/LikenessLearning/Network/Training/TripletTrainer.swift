import Foundation
import LikenessCore
import LikenessNumerics

/// Trains an embedding ``Network`` with the triplet loss (or the contrastive loss, see
/// ``Configuration/objective``) on P × K batches, deterministically.
///
/// The network is dense layers with ReLU between them (optionally layer-normalised), a last dense
/// layer to ``Configuration/dimension`` values and an L2 normalisation. Every epoch draws
/// ``ClassBatchSampler`` batches, mines triplets from the batch's current embeddings, and takes one
/// optimiser step per batch. After each epoch a caller-supplied score (validation P@k) is read and
/// the best epoch's parameters are kept. All randomness comes from ``Configuration/seed``; with
/// the same data, configuration and BLAS thread count the result is bit-for-bit the same.
public struct TripletTrainer: Sendable {
    /// The training settings, stored in a head's manifest.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Widths of the hidden dense layers. Default 512, 128.
        public var hidden: [Int]
        /// Width of the embedding. Default 64.
        public var dimension: Int
        /// A layer normalisation after each hidden dense layer. Default false.
        public var layerNorm: Bool
        /// Passes over the training examples. Default 10.
        public var epochs: Int
        /// Examples per batch (P classes × K examples). Default 100.
        public var batchSize: Int
        /// The margin, from the first epoch to the last: for the triplet loss a gap of squared
        /// distances, for the contrastive loss a distance. Default 0.2 → 0.4 (squared distances
        /// of unit vectors lie in [0, 4]).
        public var margin: MarginSchedule
        /// How triplets are chosen in a batch. Default semi-hard: on Fashion-MNIST features with 10
        /// classes (K = 25 of a class per batch) batch-hard collapsed to a loss equal to the margin.
        public var mining: TripletMining
        /// Default AdamW.
        public var optimizer: OptimizerKind
        /// The base learning rate. Default 1e-3.
        public var learningRate: Float
        /// Default 1e-4.
        public var weightDecay: Float
        /// Default cosine.
        public var schedule: LearningRateSchedule
        /// Seeds the initial weights, the batches and random mining. Default 1.
        public var seed: UInt64
        /// The loss. Nil (as in manifests written before contrastive training) is the triplet loss.
        public var objective: EmbeddingObjective?
        /// Dropout after each hidden layer's ReLU, this share of values (``Layer/dropout(rate:)``).
        /// Nil (manifests written before it existed) or 0: none.
        public var dropout: Float?
        /// Candidate hard negatives per row precomputed from the base features (``HardNegatives``,
        /// passed to ``TripletTrainer/train(features:labels:hardNegatives:validate:report:isCancelled:)``
        /// by the caller, which computes them). Nil: none, batches as drawn.
        public var hardNegatives: Int?

        public init(hidden: [Int] = [512, 128], dimension: Int = 64, layerNorm: Bool = false, epochs: Int = 10, batchSize: Int = 100,
                    margin: MarginSchedule = MarginSchedule(start: 0.2, end: 0.4), mining: TripletMining = .semiHard,
                    optimizer: OptimizerKind = .adamw, learningRate: Float = 1e-3, weightDecay: Float = 1e-4,
                    schedule: LearningRateSchedule = .cosine, seed: UInt64 = 1, objective: EmbeddingObjective? = nil, dropout: Float? = nil,
                    hardNegatives: Int? = nil) {
            self.dropout = dropout
            self.hardNegatives = hardNegatives
            self.hidden = hidden
            self.dimension = dimension
            self.layerNorm = layerNorm
            self.epochs = epochs
            self.batchSize = batchSize
            self.margin = margin
            self.mining = mining
            self.optimizer = optimizer
            self.learningRate = learningRate
            self.weightDecay = weightDecay
            self.schedule = schedule
            self.seed = seed
            self.objective = objective
        }

        /// The layers for inputs of `width` values.
        public func layers(inputWidth width: Int) -> [Layer] {
            var layers: [Layer] = [], previous = width
            for hiddenWidth in hidden {
                layers.append(.dense(inputs: previous, outputs: hiddenWidth))
                if layerNorm { layers.append(.layerNorm(width: hiddenWidth)) }
                layers.append(.relu)
                if let dropout, dropout > 0 { layers.append(.dropout(rate: dropout)) }
                previous = hiddenWidth
            }
            return layers + [.dense(inputs: previous, outputs: dimension), .l2Normalization]
        }

        /// Refuses settings that cannot train.
        func validate() throws(TrainingError) {
            guard epochs >= 1 else { throw .invalidConfiguration("epochs must be at least 1") }
            guard batchSize >= 4 else { throw .invalidConfiguration("a batch needs at least 4 examples (two classes of two)") }
            guard dimension >= 1, hidden.allSatisfy({ $0 >= 1 }) else { throw .invalidConfiguration("layer widths must be positive") }
            guard learningRate > 0, learningRate.isFinite else { throw .invalidConfiguration("the learning rate must be positive") }
            guard weightDecay >= 0 else { throw .invalidConfiguration("weight decay cannot be negative") }
            guard margin.start >= 0, margin.end >= 0 else { throw .invalidConfiguration("margins cannot be negative") }
            guard (0..<1).contains(dropout ?? 0) else { throw .invalidConfiguration("dropout takes a share from 0 up to (not including) 1") }
            guard (hardNegatives ?? 1) >= 1 else { throw .invalidConfiguration("hard negatives take at least 1 candidate per row") }
        }
    }

    /// The best epoch's network and every epoch's report.
    public struct Result: Sendable {
        /// The parameters after the best-scoring epoch (the last epoch without a validation score).
        public var network: Network
        /// 1-based.
        public var bestEpoch: Int
        public var epochs: [EpochReport]
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Trains on `features` (one example per row) with their class `labels`.
    ///
    /// - Parameters:
    ///   - validate: scores a network after each epoch (higher is better); nil keeps the last epoch.
    ///   - report: called after each epoch.
    ///   - isCancelled: checked between batches; training stops and throws `CancellationError`.
    ///   - hardNegatives: precomputed candidates (``HardNegatives``), one list per row of `features`;
    ///     each batch is extended with one candidate of each of its rows.
    public func train(features: Matrix, labels: [Int], hardNegatives: HardNegatives? = nil, validate: ((Network) -> Double)? = nil,
                      report: (EpochReport) -> Void = { _ in }, isCancelled: () -> Bool = { false }) throws -> Result {
        try configuration.validate()
        try Self.check(features: features, labels: labels)
        precondition(hardNegatives.map { $0.candidates.count == features.rows } ?? true, "one list of hard negatives per row")
        let c = configuration
        var network = try Network(inputWidth: features.columns, layers: c.layers(inputWidth: features.columns), seed: c.seed)
        var optimizer = c.optimizer.make(count: network.parameters.count, weightDecay: c.weightDecay)
        var sampler = ClassBatchSampler(labels: labels, batchSize: c.batchSize, seed: c.seed &+ 1)
        var mining = SeededRandom(seed: c.seed &+ 2), noise = SeededRandom(seed: c.seed &+ 5), hard = SeededRandom(seed: c.seed &+ 6)
        let steps = sampler.batchesPerEpoch
        var gradient = [Float](repeating: 0, count: network.parameters.count)
        var reports: [EpochReport] = [], best: (epoch: Int, score: Double, network: Network)?
        for epoch in 0..<c.epochs {
            let started = ContinuousClock.now
            let margin = c.margin.margin(epoch: epoch, of: c.epochs)
            let firstRate = c.schedule.rate(base: c.learningRate, step: epoch * steps, totalSteps: c.epochs * steps, stepsPerEpoch: steps)
            var total = 0.0, active = 0, terms = 0
            for step in 0..<steps {
                if isCancelled() { throw CancellationError() }
                let drawn = sampler.next()
                let batch = hardNegatives?.extend(drawn, random: &hard) ?? drawn
                let batchLabels = batch.map { labels[$0] }
                let tape = network.forward(features.selecting(rows: batch), noise: noise.next())
                let distances = tape.output.squaredDistancesWithin()
                let evaluated: LossGradient
                switch c.objective ?? .triplet {
                case .triplet:
                    let triplets = c.mining.triplets(distances: distances, labels: batchLabels, random: &mining)
                    evaluated = TripletLoss(margin: margin).evaluate(tape.output, triplets: triplets)
                    terms += triplets.count
                case .contrastive:
                    let pairs = ContrastiveLoss.pairs(distances: distances, labels: batchLabels)
                    evaluated = ContrastiveLoss(margin: margin).evaluate(tape.output, pairs: pairs)
                    terms += pairs.count
                }
                total += evaluated.value
                active += evaluated.activeTerms
                for i in gradient.indices { gradient[i] = 0 }
                network.backward(tape, outputGradient: evaluated.gradient, into: &gradient)
                let rate = c.schedule.rate(base: c.learningRate, step: epoch * steps + step, totalSteps: c.epochs * steps, stepsPerEpoch: steps)
                optimizer.step(&network.parameters, gradient: gradient, rate: rate)
            }
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            let score = validate?(network)
            let summary = EpochReport(epoch: epoch + 1, loss: total / Double(steps), activeShare: terms == 0 ? 0 : Double(active) / Double(terms),
                                      validation: score, margin: margin, learningRate: firstRate, seconds: seconds)
            reports.append(summary)
            report(summary)
            if let score, score > best?.score ?? -.infinity { best = (epoch + 1, score, network) }
        }
        guard let best else { return Result(network: network, bestEpoch: c.epochs, epochs: reports) }
        return Result(network: best.network, bestEpoch: best.epoch, epochs: reports)
    }

    /// Refuses data no triplet can be drawn from: no rows, one class, a class of one, a row that is not finite.
    public static func check(features: Matrix, labels: [Int]) throws(TrainingError) {
        guard features.rows > 0 else { throw .empty }
        guard labels.count == features.rows else { throw .labelCount(rows: features.rows, labels: labels.count) }
        let counts = Dictionary(labels.map { ($0, 1) }, uniquingKeysWith: +)
        guard counts.count >= 2 else { throw .oneClass }
        if let small = counts.keys.sorted().first(where: { counts[$0]! < 2 }) { throw .tooFewExamples(label: small, count: counts[small]!) }
        let width = features.columns
        for r in 0..<features.rows where !features.values[(r * width)..<((r + 1) * width)].allSatisfy(\.isFinite) {
            throw .notFinite(row: r)
        }
    }
}
