import LikenessCore
import LikenessNumerics
import Testing
@testable import LikenessLearning

/// Precomputed hard negatives: the candidates, the batches they extend, and training with them.
@Suite struct HardNegativesTests {
    @Test func candidatesAreTheNearestRowsOfAnotherClass() {
        let labels = [0, 0, 1, 1, 2]
        // Each row's neighbours, nearest first (the row itself may appear and is left out).
        let neighbours = [[0, 1, 2, 4, 3], [0, 3, 2], [3, 2, 0, 4], [2, 1], [4, 0]]
        let hard = HardNegatives(neighbours: neighbours, labels: labels, count: 2)
        #expect(hard.candidates == [[2, 4], [3, 2], [0, 4], [1], [0]])

        var random = SeededRandom(seed: 1)
        let batch = hard.extend([0, 1], random: &random)
        // Row 0 adds 2 or 4, row 1 adds 3 or 2 unless already there; nothing is added twice.
        #expect(batch.prefix(2) == [0, 1] && (3...4).contains(batch.count) && Set(batch).count == batch.count)
        #expect(batch.dropFirst(2).allSatisfy { labels[$0] != 0 })
        var again = SeededRandom(seed: 1)
        #expect(hard.extend([0, 1], random: &again) == batch)
        #expect(HardNegatives(candidates: [[], []]).extend([0, 1], random: &random) == [0, 1])
    }

    @Test func trainingWithHardNegativesRepeatsAndLearns() throws {
        let (train, labels) = TripletTrainerTests.data(seed: 5)
        var configuration = TripletTrainer.Configuration(hidden: [16], dimension: 4, epochs: 10, batchSize: 16,
                                                         margin: MarginSchedule(start: 0.5, end: 1.0), learningRate: 0.03, seed: 3)
        configuration.hardNegatives = 3
        // Hard negatives by raw cosine, as the lab computes them (here by brute force).
        let unit = train.normalisedRows()
        let neighbours = (0..<train.rows).map { i in
            (0..<train.rows).filter { $0 != i }.sorted { a, b in
                let (x, y) = ((0..<12).reduce(Float(0)) { $0 + unit[i, $1] * unit[a, $1] }, (0..<12).reduce(Float(0)) { $0 + unit[i, $1] * unit[b, $1] })
                return x != y ? x > y : a < b
            }
        }
        let hard = HardNegatives(neighbours: neighbours, labels: labels, count: 3)
        #expect(hard.candidates.allSatisfy { $0.count == 3 })
        let trainer = TripletTrainer(configuration: configuration)
        let first = try trainer.train(features: train, labels: labels, hardNegatives: hard)
        #expect(try trainer.train(features: train, labels: labels, hardNegatives: hard).network == first.network)
        #expect(try trainer.train(features: train, labels: labels).network != first.network)
        let before = TripletTrainerTests.precision(at: 5, train, labels)
        let after = TripletTrainerTests.precision(at: 5, first.network(train), labels)
        #expect(after > before + 0.1, "P@5 \(before) → \(after)")
        configuration.hardNegatives = 0
        #expect(throws: TrainingError.self) { try TripletTrainer(configuration: configuration).train(features: train, labels: labels) }
    }
}
