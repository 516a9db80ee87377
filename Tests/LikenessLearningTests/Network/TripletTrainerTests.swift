import LikenessCore
import LikenessNumerics
import Testing
@testable import LikenessLearning

/// Training on seeded synthetic classes: it learns, it is reproducible, and bad data is refused.
@Suite struct TripletTrainerTests {
    /// Four classes in 12-d: the first 3 coordinates place each class near one corner of a
    /// tetrahedron (±0.3 around it), the other 9 are uniform noise in ±3, so cosine on the raw rows
    /// mostly sees the noise while a learned projection can drop it.
    static func data(perClass: Int = 40, seed: UInt64) -> (Matrix, [Int]) {
        let corners: [[Float]] = [[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]]
        var random = SeededRandom(seed: seed)
        var values: [Float] = [], labels: [Int] = []
        for (c, corner) in corners.enumerated() {
            for _ in 0..<perClass {
                values += corner.map { $0 + Float(random.nextUnit() - 0.5) * 0.6 }
                values += (0..<9).map { _ in Float(2 * random.nextUnit() - 1) * 3 }
                labels.append(c)
            }
        }
        return (Matrix(rows: labels.count, columns: 12, values: values), labels)
    }

    /// Share of each row's `k` nearest other rows (by cosine) that share its label.
    static func precision(at k: Int, _ rows: Matrix, _ labels: [Int]) -> Double {
        let unit = rows.normalisedRows()
        var hits = 0
        for i in 0..<rows.rows {
            let similarities = (0..<rows.rows).filter { $0 != i }.map { j in
                (j, (0..<rows.columns).reduce(Float(0)) { $0 + unit[i, $1] * unit[j, $1] })
            }
            hits += similarities.sorted { $0.1 > $1.1 }.prefix(k).filter { labels[$0.0] == labels[i] }.count
        }
        return Double(hits) / Double(rows.rows * k)
    }

    let configuration = TripletTrainer.Configuration(hidden: [16], dimension: 4, epochs: 30, batchSize: 32,
                                                     margin: MarginSchedule(start: 0.5, end: 1.0), learningRate: 0.03, seed: 3)

    @Test(arguments: TripletMining.allCases)
    func learnsASimilarityTheRawFeaturesMiss(mining: TripletMining) throws {
        let (train, trainLabels) = Self.data(seed: 1)
        let (test, testLabels) = Self.data(seed: 101)
        var settings = configuration
        settings.mining = mining
        var reports: [EpochReport] = []
        let result = try TripletTrainer(configuration: settings).train(features: train, labels: trainLabels, report: { reports.append($0) })
        let before = Self.precision(at: 5, test, testLabels)
        let after = Self.precision(at: 5, result.network(test), testLabels)
        #expect(reports.count == 30 && result.bestEpoch == 30)
        // Batch-hard gains less here, as it does in PyTorch on the same kind of data (its hardest
        // positive of 8 is often an outlier); random and semi-hard separate the classes almost fully.
        let gain = mining == .batchHard ? 0.15 : 0.3
        #expect(after > before + gain, "\(mining): P@5 \(before) → \(after)")
        #expect(reports.allSatisfy { $0.loss.isFinite && $0.loss >= 0 })
    }

    @Test func theBestValidationEpochIsKept() throws {
        let (train, labels) = Self.data(seed: 2)
        var scores: [Double] = []
        var networks: [Network] = []
        // A validation score that peaks at epoch 3 keeps that epoch's parameters.
        let result = try TripletTrainer(configuration: configuration).train(features: train, labels: labels, validate: { network in
            networks.append(network)
            scores.append(scores.count == 2 ? 1 : 0)
            return scores.last!
        })
        #expect(result.bestEpoch == 3)
        #expect(result.network == networks[2])
        #expect(result.epochs.map(\.validation) == scores.map { Optional($0) })
    }

    @Test func trainingIsBitReproducible() throws {
        BLAS.setThreads(2)
        let (train, labels) = Self.data(seed: 5)
        let trainer = TripletTrainer(configuration: configuration)
        let first = try trainer.train(features: train, labels: labels)
        let second = try trainer.train(features: train, labels: labels)
        #expect(first.network.parameters == second.network.parameters)
        #expect(first.epochs.map(\.loss) == second.epochs.map(\.loss))
        var other = configuration
        other.seed = 4
        #expect(try TripletTrainer(configuration: other).train(features: train, labels: labels).network.parameters != first.network.parameters)
        // Dropout draws its masks from the seed too: repeatable, and not the run without it.
        var dropping = configuration
        dropping.dropout = 0.2
        let dropped = try TripletTrainer(configuration: dropping).train(features: train, labels: labels)
        #expect(try TripletTrainer(configuration: dropping).train(features: train, labels: labels).network.parameters == dropped.network.parameters)
        #expect(dropped.network.parameters != first.network.parameters && dropped.network.layers.contains(.dropout(rate: 0.2)))
    }

    @Test func badDataIsRefused() {
        let trainer = TripletTrainer(configuration: configuration)
        let rows = Matrix(rows: 4, columns: 2, values: [0, 1, 1, 0, 1, 1, 0, 0])
        #expect(throws: TrainingError.oneClass) { try trainer.train(features: rows, labels: [0, 0, 0, 0]) }
        #expect(throws: TrainingError.tooFewExamples(label: 1, count: 1)) { try trainer.train(features: rows, labels: [0, 0, 0, 1]) }
        var withNaN = rows
        withNaN[2, 1] = .nan
        #expect(throws: TrainingError.notFinite(row: 2)) { try trainer.train(features: withNaN, labels: [0, 0, 1, 1]) }
        #expect(throws: TrainingError.labelCount(rows: 4, labels: 3)) { try trainer.train(features: rows, labels: [0, 0, 1]) }
        var tiny = configuration
        tiny.batchSize = 3
        #expect(throws: TrainingError.self) { try TripletTrainer(configuration: tiny).train(features: rows, labels: [0, 0, 1, 1]) }
        var dropAll = configuration
        dropAll.dropout = 1
        #expect(throws: TrainingError.self) { try TripletTrainer(configuration: dropAll).train(features: rows, labels: [0, 0, 1, 1]) }
    }

    @Test func architecture() {
        let layers = TripletTrainer.Configuration(hidden: [8, 4], dimension: 2, layerNorm: true).layers(inputWidth: 10)
        #expect(layers == [.dense(inputs: 10, outputs: 8), .layerNorm(width: 8), .relu, .dense(inputs: 8, outputs: 4),
                           .layerNorm(width: 4), .relu, .dense(inputs: 4, outputs: 2), .l2Normalization])
        let dropping = TripletTrainer.Configuration(hidden: [8], dimension: 2, dropout: 0.1).layers(inputWidth: 10)
        #expect(dropping == [.dense(inputs: 10, outputs: 8), .relu, .dropout(rate: 0.1), .dense(inputs: 8, outputs: 2), .l2Normalization])
    }
}
