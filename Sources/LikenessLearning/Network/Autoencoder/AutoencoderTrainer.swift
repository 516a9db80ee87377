import Foundation
import LikenessCore
import LikenessNumerics

/// Trains an ``Autoencoder`` on images streamed from an ``ImageBatchSource``, deterministically.
///
/// A seeded share of the images is held out for validation. Each epoch visits the rest in a seeded
/// order, one batch at a time (only the batch's pixels are in memory), takes one Adam step per batch
/// on the encoder and the decoder, then sets the batch normalisations' population statistics from
/// training batches (``Network/recalibrate(_:)``) and measures the reconstruction MSE of the
/// validation images at inference. The epoch with the lowest validation loss is kept. With
/// ``AutoencoderLoss/mseContrastive`` each image gives two augmented views, both reconstructed,
/// and NT-Xent pulls their codes together (``NTXentLoss``).
public struct AutoencoderTrainer: Sendable {
    /// The training settings, stored in the encoder's manifest.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Passes over the training images. Default 10.
        public var epochs: Int
        /// Images per batch (two views each with the contrastive term). Default 64.
        public var batchSize: Int
        /// Adam's base rate. Default 1e-3.
        public var learningRate: Float
        /// Default cosine.
        public var schedule: LearningRateSchedule
        /// Default MSE.
        public var loss: AutoencoderLoss
        /// Weight of NT-Xent beside the MSE. Default 0.05 (the MSE per value is small).
        public var contrastiveWeight: Float
        /// NT-Xent's temperature. Default 0.5.
        public var temperature: Float
        /// The random edits of each training view (none: the images as they are).
        public var augmentations: [Augmentation]
        /// Share of the images held out for validation. Default 0.1.
        public var validationShare: Double
        /// Training batches behind the batch normalisations' population statistics. Default 20.
        public var recalibrationBatches: Int
        /// Seeds the weights, the split, the order and the augmentations. Default 1.
        public var seed: UInt64

        public init(epochs: Int = 10, batchSize: Int = 64, learningRate: Float = 1e-3, schedule: LearningRateSchedule = .cosine,
                    loss: AutoencoderLoss = .mse, contrastiveWeight: Float = 0.05, temperature: Float = 0.5,
                    augmentations: [Augmentation] = [], validationShare: Double = 0.1, recalibrationBatches: Int = 20, seed: UInt64 = 1) {
            self.epochs = epochs
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.schedule = schedule
            self.loss = loss
            self.contrastiveWeight = contrastiveWeight
            self.temperature = temperature
            self.augmentations = augmentations
            self.validationShare = validationShare
            self.recalibrationBatches = recalibrationBatches
            self.seed = seed
        }

        /// Refuses settings that cannot train.
        func validate(count: Int) throws(TrainingError) {
            guard epochs >= 1 else { throw .invalidConfiguration("epochs must be at least 1") }
            guard batchSize >= 2 else { throw .invalidConfiguration("a batch needs at least 2 images (batch normalisation and NT-Xent compare them)") }
            guard learningRate > 0, temperature > 0, contrastiveWeight >= 0 else {
                throw .invalidConfiguration("the learning rate and temperature must be positive, the contrastive weight not negative")
            }
            guard validationShare >= 0, validationShare < 1 else { throw .invalidConfiguration("the validation share must be in [0, 1)") }
            guard count >= 2 else { throw count == 0 ? .empty : .invalidConfiguration("an autoencoder needs at least 2 images, got \(count)") }
        }
    }

    /// What one epoch did.
    public struct Epoch: Sendable, Codable, Equatable {
        /// 1-based.
        public var epoch: Int
        /// Mean training loss over the batches (MSE, plus the weighted NT-Xent).
        public var loss: Double
        /// Mean reconstruction MSE over the batches.
        public var reconstruction: Double
        /// Mean NT-Xent over the batches (nil with the MSE alone).
        public var contrastive: Double?
        /// Reconstruction MSE of the validation images at inference (nil without any).
        public var validation: Double?
        public var learningRate: Float
        /// Seconds of the training steps (recalibration and validation excluded).
        public var seconds: Double
    }

    /// The kept autoencoder and how training went.
    public struct Result: Sendable {
        public var autoencoder: Autoencoder
        public var epochs: [Epoch]
        /// 1-based epoch kept (lowest validation loss, else the last).
        public var bestEpoch: Int
        public var trainIndices: [Int]
        public var validationIndices: [Int]
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The training and validation indices of `count` images: a seeded shuffle, the validation share first.
    public func split(count: Int) -> (train: [Int], validation: [Int]) {
        var random = SeededRandom(seed: configuration.seed &+ 0x5EED)
        var order = Array(0..<count)
        order.shuffle(using: &random)
        let held = count >= 10 ? max(1, Int((Double(count) * configuration.validationShare).rounded())) : 0
        return (Array(order[held...]).sorted(), Array(order[..<held]).sorted())
    }

    /// Trains an autoencoder of `architecture` on `source`, calling `report` after every epoch and
    /// `snapshot` with the epoch's autoencoder (batch-norm statistics recalibrated, ready for
    /// inference), e.g. to reconstruct a fixed sample for a training report.
    /// Throws ``TrainingError`` for unusable settings, the source's errors, and `CancellationError`.
    public func train(architecture: AutoencoderArchitecture, source: any ImageBatchSource, report: (Epoch) -> Void = { _ in },
                      snapshot: (Epoch, Autoencoder) throws -> Void = { _, _ in }, isCancelled: () -> Bool = { false }) throws -> Result {
        try configuration.validate(count: source.count)
        try architecture.validate()
        var model = try Autoencoder(architecture: architecture, seed: configuration.seed)
        let (train, validation) = split(count: source.count)
        let batches = (train.count + configuration.batchSize - 1) / configuration.batchSize
        var optimizers = (encoder: Adam(count: model.encoder.parameters.count, weightDecay: 0, decoupled: false),
                          decoder: Adam(count: model.decoder.parameters.count, weightDecay: 0, decoupled: false))
        var random = SeededRandom(seed: configuration.seed &+ 0xA11)
        var epochs: [Epoch] = [], best: (epoch: Int, loss: Double, model: Autoencoder)?
        var step = 0
        for epoch in 1...configuration.epochs {
            var order = train
            order.shuffle(using: &random)
            let started = Date()
            var sums = (loss: 0.0, reconstruction: 0.0, contrastive: 0.0)
            let rate = configuration.schedule.rate(base: configuration.learningRate, step: step, totalSteps: batches * configuration.epochs,
                                                   stepsPerEpoch: batches)
            for start in stride(from: 0, to: order.count, by: configuration.batchSize) {
                if isCancelled() { throw CancellationError() }
                let indices = Array(order[start..<min(start + configuration.batchSize, order.count)])
                guard indices.count >= 2 else { continue }
                let images = try source.images(at: indices)
                let losses = trainStep(&model, images: images, random: &random,
                                       rate: configuration.schedule.rate(base: configuration.learningRate, step: step,
                                                                         totalSteps: batches * configuration.epochs, stepsPerEpoch: batches),
                                       optimizers: &optimizers)
                sums.loss += losses.total
                sums.reconstruction += losses.reconstruction
                sums.contrastive += losses.contrastive
                step += 1
            }
            let seconds = Date().timeIntervalSince(started)
            try recalibrate(&model, train: train, source: source)
            let validationLoss = try validation.isEmpty ? nil : Self.reconstructionError(model, source: source, indices: validation,
                                                                                          batch: configuration.batchSize)
            let n = Double(max(1, batches))
            let record = Epoch(epoch: epoch, loss: sums.loss / n, reconstruction: sums.reconstruction / n,
                               contrastive: configuration.loss == .mseContrastive ? sums.contrastive / n : nil,
                               validation: validationLoss, learningRate: rate, seconds: seconds)
            epochs.append(record)
            report(record)
            try snapshot(record, model)
            let score = validationLoss ?? record.reconstruction
            if best == nil || score < best!.loss { best = (epoch, score, model) }
        }
        return Result(autoencoder: best!.model, epochs: epochs, bestEpoch: best!.epoch, trainIndices: train, validationIndices: validation)
    }

    /// One optimiser step on a batch; returns the total, reconstruction and contrastive losses.
    private func trainStep(_ model: inout Autoencoder, images: Matrix, random: inout SeededRandom, rate: Float,
                           optimizers: inout (encoder: Adam, decoder: Adam)) -> (total: Double, reconstruction: Double, contrastive: Double) {
        let views = configuration.loss == .mseContrastive
            ? Self.stack(augmented(images, model.architecture, random: &random), augmented(images, model.architecture, random: &random))
            : augmented(images, model.architecture, random: &random)
        let encoded = model.encoder.forward(views)
        let decoded = model.decoder.forward(encoded.output)
        let reconstruction = MeanSquaredError.evaluate(decoded.output, target: views)
        var decoderGradient = [Float](repeating: 0, count: model.decoder.parameters.count)
        var codeGradient = model.decoder.backward(decoded, outputGradient: reconstruction.gradient, into: &decoderGradient, inputGradient: true)!
        var contrastive = 0.0
        if configuration.loss == .mseContrastive {
            let term = NTXentLoss(temperature: configuration.temperature).evaluate(encoded.output)
            contrastive = term.value
            for i in codeGradient.values.indices { codeGradient.values[i] += configuration.contrastiveWeight * term.gradient.values[i] }
        }
        var encoderGradient = [Float](repeating: 0, count: model.encoder.parameters.count)
        model.encoder.backward(encoded, outputGradient: codeGradient, into: &encoderGradient)
        optimizers.encoder.step(&model.encoder.parameters, gradient: encoderGradient, rate: rate)
        optimizers.decoder.step(&model.decoder.parameters, gradient: decoderGradient, rate: rate)
        return (reconstruction.value + Double(configuration.contrastiveWeight) * contrastive, reconstruction.value, contrastive)
    }

    /// Every row edited by the configured augmentations (the rows as they are without any).
    private func augmented(_ images: Matrix, _ architecture: AutoencoderArchitecture, random: inout SeededRandom) -> Matrix {
        guard !configuration.augmentations.isEmpty else { return images }
        let set = Set(configuration.augmentations)
        var values: [Float] = []
        values.reserveCapacity(images.values.count)
        for r in 0..<images.rows {
            values += Augmentation.apply(set, to: images.row(r), channels: architecture.channels, side: architecture.side, random: &random)
        }
        return Matrix(rows: images.rows, columns: images.columns, values: values)
    }

    /// The rows of `a`, then those of `b`.
    static func stack(_ a: Matrix, _ b: Matrix) -> Matrix { Matrix(rows: a.rows + b.rows, columns: a.columns, values: a.values + b.values) }

    /// Sets both networks' batch-normalisation statistics from the first training batches (in index order, unaugmented).
    private func recalibrate(_ model: inout Autoencoder, train: [Int], source: any ImageBatchSource) throws {
        let size = configuration.batchSize
        let starts = Array(stride(from: 0, to: train.count, by: size).prefix(max(1, configuration.recalibrationBatches)))
        let batches = try starts.map { try source.images(at: Array(train[$0..<min($0 + size, train.count)])) }
        model.encoder.recalibrate(batches)
        let encoder = model.encoder
        model.decoder.recalibrate(batches.map { encoder($0) })
    }

    /// The mean reconstruction MSE per value of the images at `indices`, at inference, a batch at a time.
    public static func reconstructionError(_ model: Autoencoder, source: any ImageBatchSource, indices: [Int], batch: Int) throws -> Double {
        var sum = 0.0, values = 0
        for start in stride(from: 0, to: indices.count, by: max(1, batch)) {
            let images = try source.images(at: Array(indices[start..<min(start + max(1, batch), indices.count)]))
            sum += model.reconstructionError(images) * Double(images.values.count)
            values += images.values.count
        }
        return sum / Double(max(1, values))
    }
}
