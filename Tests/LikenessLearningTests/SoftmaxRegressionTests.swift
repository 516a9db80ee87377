import Foundation
@testable import LikenessLearning
import LikenessCore
import Testing

@Suite struct SoftmaxRegressionTests {
    /// Three classes around well-separated centres in 5-d, with seeded uniform noise of ±0.5.
    static func clusters(perClass: Int, seed: UInt64) -> (rows: [[Float]], labels: [Int]) {
        let centres: [[Float]] = [[4, 0, 0, 1, -1], [0, 4, 0, -1, 1], [0, 0, 4, 1, 1]]
        var generator = SeededRandom(seed: seed)
        var rows: [[Float]] = [], labels: [Int] = []
        for n in 0..<(3 * perClass) {
            let label = n % 3
            rows.append(centres[label].map { $0 + Float(generator.next() % 1001) / 1000 - 0.5 })
            labels.append(label)
        }
        return (rows, labels)
    }

    @Test("linearly separable clusters: 100 % on the training rows and on fresh rows")
    func separable() {
        let train = Self.clusters(perClass: 40, seed: 1), test = Self.clusters(perClass: 20, seed: 2)
        let result = SoftmaxTrainer(configuration: .init(epochs: 20, batchSize: 16, learningRate: 0.05, minimumSteps: 0)).train(rows: train.rows, labels: train.labels, classes: 3)
        #expect(result.model.accuracy(train.rows, labels: train.labels) == 1)
        #expect(result.model.accuracy(test.rows, labels: test.labels) == 1)
        // The objective falls: the last epoch is well below the first (log 3 ≈ 1.10 at zero weights).
        #expect(result.epochLosses.count == 20)
        #expect(result.epochLosses.last! < 0.1 && result.epochLosses.first! > result.epochLosses.last!)
        // 120 rows in batches of 16 are 8 steps an epoch: 500 steps at least need 63 epochs.
        let longer = SoftmaxTrainer(configuration: .init(epochs: 20, batchSize: 16, minimumSteps: 500)).train(rows: train.rows, labels: train.labels, classes: 3)
        #expect(longer.epochLosses.count == 63)
    }

    @Test("overlapping classes: 75 % accuracy and calibrated probabilities of 3/4")
    func overlapping() {
        // x = −1 carries three rows of class 0 and one of class 1; x = +1 the reverse. The best any
        // classifier can do is 6 of 8, and the maximum-likelihood probabilities are 3/4 and 1/4.
        let rows: [[Float]] = [[-1], [-1], [-1], [-1], [1], [1], [1], [1]]
        let labels = [0, 0, 0, 1, 1, 1, 1, 0]
        let model = SoftmaxTrainer(configuration: .init(epochs: 400, batchSize: 8, learningRate: 0.05, l2: 0)).train(rows: rows, labels: labels, classes: 2).model
        #expect(model.accuracy(rows, labels: labels) == 0.75)
        #expect(abs(model.probabilities([-1])[0] - 0.75) < 0.01)
        #expect(abs(model.probabilities([1])[1] - 0.75) < 0.01)
        // Cross-entropy at the optimum: −(3/4 log 3/4 + 1/4 log 1/4) ≈ 0.5623.
        #expect(abs(model.crossEntropy(rows, labels: labels) - 0.5623) < 0.002)
    }

    @Test("XOR is not linearly separable: no better than 3 of 4")
    func xor() {
        let rows: [[Float]] = [[0, 0], [1, 1], [0, 1], [1, 0]]
        let labels = [0, 0, 1, 1]
        let model = SoftmaxTrainer(configuration: .init(epochs: 200, batchSize: 4)).train(rows: rows, labels: labels, classes: 2).model
        #expect(model.accuracy(rows, labels: labels) <= 0.75)
    }

    @Test("the same seed gives bit-identical weights; another seed gives other weights")
    func determinism() {
        let data = Self.clusters(perClass: 30, seed: 7)
        func train(_ seed: UInt64) -> SoftmaxRegression {
            SoftmaxTrainer(configuration: .init(epochs: 3, batchSize: 10, seed: seed)).train(rows: data.rows, labels: data.labels, classes: 3).model
        }
        let a = train(5), b = train(5), c = train(6)
        #expect(a == b)
        #expect(a.weights != c.weights)
    }

    @Test("a stronger L2 penalty gives smaller weights")
    func regularisation() {
        let data = Self.clusters(perClass: 30, seed: 3)
        func norm(_ l2: Float) -> Float {
            let model = SoftmaxTrainer(configuration: .init(epochs: 30, batchSize: 10, learningRate: 0.05, l2: l2)).train(rows: data.rows, labels: data.labels, classes: 3).model
            return model.weights.reduce(0) { $0 + $1 * $1 }
        }
        #expect(norm(0.1) < norm(0.001) / 2)
    }

    @Test("scores, probabilities and ties on hand-set weights")
    func handSet() {
        var model = SoftmaxRegression(classes: 2, dimension: 2)
        #expect(model.predict([3, 4]) == 0) // all zero: a tie goes to the lowest class
        model.weights = [1, 0, 0, 1]
        model.bias = [0, 1]
        #expect(model.scores([2, 0.5]) == [2, 1.5])
        let p = model.probabilities([0, 0])
        #expect(abs(p[1] - 1 / (1 + expf(-1))) < 1e-6 && abs(p[0] + p[1] - 1) < 1e-6)
        #expect(model.predict([2, 0.5]) == 0 && model.predict([1, 1]) == 1)
    }
}

@Suite struct StandardizerTests {
    @Test("mean and standard deviation come from the rows it was fitted on; constant dimensions map to 0")
    func standardise() {
        let s = Standardizer(fitting: [[1, 5, 2], [3, 5, 2], [5, 5, 8]])
        #expect(s.mean == [3, 5, 4])
        #expect(abs(s.scale[0] - (8.0 / 3).squareRoot()) < 1e-6 && s.scale[1] == 1)
        let out = s.apply([5, 5, 4])
        #expect(abs(out[0] - 2 / (8.0 / 3).squareRoot()) < 1e-6 && out[1] == 0 && out[2] == 0)
    }
}
