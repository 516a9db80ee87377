import Foundation
import LikenessCore
import LikenessNumerics

/// Trains a ``SiameseScorer`` with binary cross-entropy on labelled pairs, deterministically.
///
/// Each batch's two images of every pair go through the shared tower together, are fused into
/// cosine, distance and dot product, weighed by the fusion network and scored against the label.
/// The gradient flows back through the fusion into both towers' copies, which share one set of
/// weights. The best epoch by the caller's validation score is kept, as ``TripletTrainer`` does.
public struct SiameseTrainer: Sendable {
    /// The training settings, stored in a scorer's manifest.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Widths of the tower's hidden dense layers (ReLU after each). Default 512, 128.
        public var hidden: [Int]
        /// Width of the tower's embedding (not normalised, so cosine, distance and dot differ). Default 64.
        public var dimension: Int
        /// Widths of hidden layers between the 3 fused features and the sigmoid. Default none: one
        /// dense layer 3 → 1 (a weighted sum of the three) and the sigmoid.
        public var fusionHidden: [Int]
        /// Passes over the pairs. Default 10.
        public var epochs: Int
        /// Pairs per batch. Default 128.
        public var batchSize: Int
        /// Default AdamW.
        public var optimizer: OptimizerKind
        /// Default 1e-3.
        public var learningRate: Float
        /// Default 1e-4.
        public var weightDecay: Float
        /// Default cosine.
        public var schedule: LearningRateSchedule
        /// Seeds the initial weights and the pairs. Default 1.
        public var seed: UInt64
        /// An attention weighting (``Layer/attention(width:)``) over the tower's embedding, as in the
        /// seed's Siamese network. Nil (manifests written before it existed) or false: none.
        public var attention: Bool?
        /// Dropout after each of the tower's hidden ReLUs, this share of values. Nil or 0: none.
        public var dropout: Float?

        public init(hidden: [Int] = [512, 128], dimension: Int = 64, fusionHidden: [Int] = [], epochs: Int = 10, batchSize: Int = 128,
                    optimizer: OptimizerKind = .adamw, learningRate: Float = 1e-3, weightDecay: Float = 1e-4,
                    schedule: LearningRateSchedule = .cosine, seed: UInt64 = 1, attention: Bool? = nil, dropout: Float? = nil) {
            self.attention = attention
            self.dropout = dropout
            self.hidden = hidden
            self.dimension = dimension
            self.fusionHidden = fusionHidden
            self.epochs = epochs
            self.batchSize = batchSize
            self.optimizer = optimizer
            self.learningRate = learningRate
            self.weightDecay = weightDecay
            self.schedule = schedule
            self.seed = seed
        }

        /// The tower for inputs of `width` values: dense and ReLU, then a dense layer to ``dimension``
        /// (and the attention weighting over it, with ``attention``).
        public func towerLayers(inputWidth width: Int) -> [Layer] {
            var layers: [Layer] = [], previous = width
            for hiddenWidth in hidden {
                layers += [.dense(inputs: previous, outputs: hiddenWidth), .relu]
                if let dropout, dropout > 0 { layers.append(.dropout(rate: dropout)) }
                previous = hiddenWidth
            }
            return layers + [.dense(inputs: previous, outputs: dimension)] + (attention == true ? [.attention(width: dimension)] : [])
        }

        /// The fusion: from the 3 fused features to one probability.
        public var fusionLayers: [Layer] {
            var layers: [Layer] = [], previous = PairFusion.width
            for hiddenWidth in fusionHidden {
                layers += [.dense(inputs: previous, outputs: hiddenWidth), .relu]
                previous = hiddenWidth
            }
            return layers + [.dense(inputs: previous, outputs: 1), .sigmoid]
        }

        func validate() throws(TrainingError) {
            guard epochs >= 1 else { throw .invalidConfiguration("epochs must be at least 1") }
            guard batchSize >= 2 else { throw .invalidConfiguration("a batch needs at least 2 pairs") }
            guard dimension >= 1, hidden.allSatisfy({ $0 >= 1 }), fusionHidden.allSatisfy({ $0 >= 1 }) else {
                throw .invalidConfiguration("layer widths must be positive")
            }
            guard learningRate > 0, learningRate.isFinite else { throw .invalidConfiguration("the learning rate must be positive") }
            guard weightDecay >= 0 else { throw .invalidConfiguration("weight decay cannot be negative") }
            guard (0..<1).contains(dropout ?? 0) else { throw .invalidConfiguration("dropout takes a share from 0 up to (not including) 1") }
        }
    }

    /// The best epoch's networks and every epoch's report.
    public struct Result: Sendable {
        public var tower: Network
        public var fusion: Network
        /// 1-based.
        public var bestEpoch: Int
        public var epochs: [EpochReport]
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Trains on pairs of rows of `features` (already standardised).
    ///
    /// - Parameters:
    ///   - validate: scores the tower and fusion after each epoch (higher is better); nil keeps the last epoch.
    ///   - report: called after each epoch; an ``EpochReport``'s active share is the share of pairs
    ///     on the wrong side of 0.5, its margin 0.
    ///   - isCancelled: checked between batches; training stops and throws `CancellationError`.
    public func train(features: Matrix, pairs source: TrainingPairs, validate: ((Network, Network) -> Double)? = nil,
                      report: (EpochReport) -> Void = { _ in }, isCancelled: () -> Bool = { false }) throws -> Result {
        try configuration.validate()
        let c = configuration
        guard source.countPerEpoch > 0 else { throw TrainingError.empty }
        var tower = try Network(inputWidth: features.columns, layers: c.towerLayers(inputWidth: features.columns), seed: c.seed)
        var fusion = try Network(inputWidth: PairFusion.width, layers: c.fusionLayers, seed: c.seed &+ 3)
        // The fused distance and dot product of unnormalised embeddings can be large: random
        // weights in the last layer started the sigmoid saturated, and on MNIST pixels the tower
        // died in the first epoch. Starting that layer at zero starts every pair at 0.5.
        let last = c.fusionLayers[c.fusionLayers.count - 2].parameterCount
        for i in (fusion.parameters.count - last)..<fusion.parameters.count { fusion.parameters[i] = 0 }
        var parameters = tower.parameters + fusion.parameters
        var optimizer = c.optimizer.make(count: parameters.count, weightDecay: c.weightDecay)
        var random = SeededRandom(seed: c.seed &+ 1), noise = SeededRandom(seed: c.seed &+ 5)
        let steps = (source.countPerEpoch + c.batchSize - 1) / c.batchSize
        let towerCount = tower.parameters.count
        var towerGradient = [Float](repeating: 0, count: towerCount), fusionGradient = [Float](repeating: 0, count: fusion.parameters.count)
        var reports: [EpochReport] = [], best: (epoch: Int, score: Double, tower: Network, fusion: Network)?
        let loss = BinaryCrossEntropy()
        for epoch in 0..<c.epochs {
            let started = ContinuousClock.now
            let pairs = source.epoch(&random)
            let firstRate = c.schedule.rate(base: c.learningRate, step: epoch * steps, totalSteps: c.epochs * steps, stepsPerEpoch: steps)
            var total = 0.0, wrong = 0
            for (step, start) in stride(from: 0, to: pairs.count, by: c.batchSize).enumerated() {
                if isCancelled() { throw CancellationError() }
                let batch = Array(pairs[start..<min(start + c.batchSize, pairs.count)])
                let m = batch.count
                let towerTape = tower.forward(features.selecting(rows: batch.map(\.first) + batch.map(\.second)), noise: noise.next())
                let embedded = towerTape.output
                let first = embedded.selecting(rows: Array(0..<m)), second = embedded.selecting(rows: Array(m..<(2 * m)))
                let fusionTape = fusion.forward(PairFusion.forward(first, second))
                let targets: [Float] = batch.map { $0.same ? 1 : 0 }
                let evaluated = loss.evaluate(fusionTape.output, targets: targets)
                total += evaluated.value
                wrong += zip(fusionTape.output.values, targets).filter { ($0 >= 0.5) != ($1 == 1) }.count
                for i in towerGradient.indices { towerGradient[i] = 0 }
                for i in fusionGradient.indices { fusionGradient[i] = 0 }
                let fusedGradient = fusion.backward(fusionTape, outputGradient: evaluated.gradient, into: &fusionGradient, inputGradient: true)!
                let (ga, gb) = PairFusion.backward(first, second, outputGradient: fusedGradient)
                tower.backward(towerTape, outputGradient: Matrix(rows: 2 * m, columns: embedded.columns, values: ga.values + gb.values),
                               into: &towerGradient)
                let rate = c.schedule.rate(base: c.learningRate, step: epoch * steps + step, totalSteps: c.epochs * steps, stepsPerEpoch: steps)
                optimizer.step(&parameters, gradient: towerGradient + fusionGradient, rate: rate)
                tower.parameters = Array(parameters[0..<towerCount])
                fusion.parameters = Array(parameters[towerCount...])
            }
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            let score = validate?(tower, fusion)
            let summary = EpochReport(epoch: epoch + 1, loss: total / Double(steps), activeShare: Double(wrong) / Double(pairs.count),
                                      validation: score, margin: 0, learningRate: firstRate, seconds: seconds)
            reports.append(summary)
            report(summary)
            if let score, score > best?.score ?? -.infinity { best = (epoch + 1, score, tower, fusion) }
        }
        guard let best else { return Result(tower: tower, fusion: fusion, bestEpoch: c.epochs, epochs: reports) }
        return Result(tower: best.tower, fusion: best.fusion, bestEpoch: best.epoch, epochs: reports)
    }
}
