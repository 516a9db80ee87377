import LikenessCore
import LikenessNumerics
import Testing
@testable import LikenessLearning

/// The autoencoder trainer on synthetic images with known structure.
@Suite struct AutoencoderTrainerTests {
    /// `count` 8×8 grey images: horizontal or vertical bars at a seeded phase, with a little noise.
    static func bars(_ count: Int, seed: UInt64) -> Matrix {
        var random = SeededRandom(seed: seed)
        var values: [Float] = []
        for i in 0..<count {
            let phase = Int(random.below(4)), vertical = i % 2 == 0
            for y in 0..<8 {
                for x in 0..<8 {
                    let on = ((vertical ? x : y) + phase) % 4 < 2
                    values.append((on ? 0.9 : 0.1) + Float(random.nextUnit() * 0.05))
                }
            }
        }
        return Matrix(rows: count, columns: 64, values: values)
    }

    static let architecture = AutoencoderArchitecture(side: 8, channels: 1, code: 8, widths: [4, 8])

    @Test func learnsToReconstruct() throws {
        let source = MemoryImages(Self.bars(80, seed: 1))
        let trainer = AutoencoderTrainer(configuration: .init(epochs: 20, batchSize: 16, learningRate: 3e-3, schedule: .constant, seed: 2))
        var reports: [AutoencoderTrainer.Epoch] = []
        let result = try trainer.train(architecture: Self.architecture, source: source, report: { reports.append($0) })
        #expect(reports.count == 20 && result.validationIndices.count == 8 && result.trainIndices.count == 72)
        #expect(Set(result.validationIndices).isDisjoint(with: result.trainIndices))
        let first = try #require(reports.first?.validation), kept = try #require(reports[result.bestEpoch - 1].validation)
        #expect(kept < first * 0.8, "validation MSE \(first) → \(kept)")
        // Far better than predicting every pixel as the mean grey (the bars' variance is about 0.16).
        #expect(kept < 0.08, "kept validation MSE \(kept)")
    }

    @Test func seededRunsRepeat() throws {
        let source = MemoryImages(Self.bars(24, seed: 3))
        let configuration = AutoencoderTrainer.Configuration(epochs: 2, batchSize: 8, loss: .mseContrastive,
                                                             augmentations: [.flip, .jitter, .crop], seed: 5)
        let a = try AutoencoderTrainer(configuration: configuration).train(architecture: Self.architecture, source: source)
        let b = try AutoencoderTrainer(configuration: configuration).train(architecture: Self.architecture, source: source)
        #expect(a.autoencoder == b.autoencoder)
        #expect(a.epochs.map(\.loss) == b.epochs.map(\.loss))
        #expect(a.epochs.allSatisfy { $0.contrastive != nil && $0.loss.isFinite })
        var other = configuration
        other.seed = 6
        let c = try AutoencoderTrainer(configuration: other).train(architecture: Self.architecture, source: source)
        #expect(c.autoencoder != a.autoencoder)
    }

    @Test func refusesUnusableSettings() {
        let source = MemoryImages(Self.bars(4, seed: 1))
        #expect(throws: TrainingError.self) {
            try AutoencoderTrainer(configuration: .init(batchSize: 1)).train(architecture: Self.architecture, source: source)
        }
        #expect(throws: TrainingError.empty) {
            try AutoencoderTrainer().train(architecture: Self.architecture, source: MemoryImages(Matrix(zeros: 0, columns: 64)))
        }
    }

    @Test func augmentationsKeepTheImage() {
        var random = SeededRandom(seed: 1)
        let image = (0..<16).map { Float($0) / 15 }
        for _ in 0..<8 {
            let turned = Augmentation.turn.apply(to: image, channels: 1, side: 4, random: &random)
            #expect(turned.sorted() == image.sorted())
            let flipped = Augmentation.flip.apply(to: image, channels: 1, side: 4, random: &random)
            #expect(flipped == image || flipped == [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12].map { Float($0) / 15 })
            let jittered = Augmentation.jitter.apply(to: image, channels: 1, side: 4, random: &random)
            #expect(jittered.allSatisfy { (0...1).contains($0) })
            let cropped = Augmentation.crop.apply(to: image, channels: 1, side: 4, random: &random)
            #expect(cropped.count == 16 && cropped.allSatisfy { (0...1).contains($0) })
        }
        // On a flat image only the jitter changes anything, by at most its brightness shift of 0.2.
        let flat = [Float](repeating: 0.5, count: 16)
        #expect(Augmentation.apply(Set(Augmentation.allCases), to: flat, channels: 1, side: 4, random: &random).allSatisfy { abs($0 - 0.5) < 0.21 })
    }
}
