import Foundation
import LikenessCore

/// Trains a ``SoftmaxRegression`` by mini-batch Adam with L2 regularisation, deterministically.
///
/// The objective is the mean cross-entropy plus `l2 / 2 · ‖W‖²` (biases are not penalised). Weights
/// start at zero. Each epoch visits the rows in an order shuffled by a SplitMix64 generator seeded
/// with ``Configuration/seed``; every batch takes one Adam step (Kingma and Ba, 2015) whose step
/// size follows a cosine decay from ``Configuration/learningRate`` to zero over all steps (at least
/// ``Configuration/minimumSteps``: small training sets get more epochs). The
/// arithmetic runs on one thread in a fixed order, so the same rows, labels and configuration give
/// bit-for-bit the same weights.
public struct SoftmaxTrainer: Sendable {
    /// The optimiser's settings.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Passes over the training rows. Default 30.
        public var epochs: Int
        /// Rows per gradient step. Default 64.
        public var batchSize: Int
        /// Adam's initial step size, decayed to zero by a cosine schedule. Default 0.01.
        public var learningRate: Float
        /// Weight of the L2 penalty `l2 / 2 · ‖W‖²`. Default 1e-4.
        public var l2: Float
        /// Seeds the order in which rows are visited. Default 1.
        public var seed: UInt64
        /// Epochs are added until at least this many steps are taken, so a small training set still
        /// gets enough updates. Default 500.
        public var minimumSteps: Int

        public init(epochs: Int = 30, batchSize: Int = 64, learningRate: Float = 0.01, l2: Float = 1e-4, seed: UInt64 = 1,
                    minimumSteps: Int = 500) {
            self.epochs = epochs
            self.minimumSteps = minimumSteps
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.l2 = l2
            self.seed = seed
        }
    }

    /// A trained classifier and the mean training objective of each epoch.
    public struct Result: Sendable {
        public var model: SoftmaxRegression
        /// Mean cross-entropy plus the L2 term, averaged over the batches of each epoch.
        public var epochLosses: [Double]
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        precondition(configuration.epochs >= 1 && configuration.batchSize >= 1, "epochs and batch size must be positive")
        precondition(configuration.learningRate > 0 && configuration.l2 >= 0, "learning rate must be positive and l2 not negative")
        self.configuration = configuration
    }

    /// Fits a classifier with `classes` outputs to `rows` (all the same length) and their labels.
    public func train(rows: [[Float]], labels: [Int], classes: Int) -> Result {
        precondition(!rows.isEmpty && rows.count == labels.count, "training needs as many labels as rows, at least one")
        precondition(labels.allSatisfy { (0..<classes).contains($0) }, "labels must lie in 0..<\(classes)")
        let (n, d, k) = (rows.count, rows[0].count, classes)
        let features = rows.flatMap { row -> [Float] in
            precondition(row.count == d, "rows of different lengths (\(row.count) vs \(d))")
            return row
        }
        var model = SoftmaxRegression(classes: k, dimension: d)
        var adam = Adam(count: k * d + k)
        var gradient = [Float](repeating: 0, count: k * d + k)
        var order = Array(0..<n)
        var generator = SeededRandom(seed: configuration.seed)
        let batchSize = min(configuration.batchSize, n)
        let stepsPerEpoch = (n + batchSize - 1) / batchSize
        let epochs = max(configuration.epochs, (configuration.minimumSteps + stepsPerEpoch - 1) / stepsPerEpoch)
        let totalSteps = stepsPerEpoch * epochs
        var losses: [Double] = []
        var step = 0
        var scores = [Float](repeating: 0, count: k)
        for _ in 0..<epochs {
            generator.shuffle(&order)
            var epochLoss = 0.0
            for start in stride(from: 0, to: n, by: batchSize) {
                let batch = order[start..<min(start + batchSize, n)]
                for i in gradient.indices { gradient[i] = 0 }
                var batchLoss = 0.0
                features.withUnsafeBufferPointer { x in
                    model.weights.withUnsafeBufferPointer { w in
                        gradient.withUnsafeMutableBufferPointer { g in
                            for row in batch {
                                let xi = x.baseAddress! + row * d
                                for c in 0..<k { scores[c] = model.bias[c] + VectorKernels.dot(w.baseAddress! + c * d, xi, d) }
                                batchLoss += Double(VectorKernels.logSumExp(scores) - scores[labels[row]])
                                VectorKernels.softmaxInPlace(&scores)
                                scores[labels[row]] -= 1
                                // ∂loss/∂score_c = p_c − [c = label]; ∂score_c/∂w_c = x.
                                for c in 0..<k where scores[c] != 0 {
                                    VectorKernels.axpy(scores[c], xi, g.baseAddress! + c * d, d)
                                    g[k * d + c] += scores[c]
                                }
                            }
                        }
                    }
                }
                let m = Float(batch.count)
                var penalty = 0.0
                for i in 0..<(k * d) {
                    gradient[i] = gradient[i] / m + configuration.l2 * model.weights[i]
                    penalty += Double(model.weights[i]) * Double(model.weights[i])
                }
                for c in 0..<k { gradient[k * d + c] /= m }
                epochLoss += batchLoss / Double(m) + Double(configuration.l2) / 2 * penalty
                let rate = configuration.learningRate * 0.5 * (1 + cosf(Float.pi * Float(step) / Float(totalSteps)))
                adam.step(gradient: gradient, rate: rate) { i, delta in
                    if i < k * d { model.weights[i] -= delta } else { model.bias[i - k * d] -= delta }
                }
                step += 1
            }
            losses.append(epochLoss / Double(stepsPerEpoch))
        }
        return Result(model: model, epochLosses: losses)
    }
}
