import LikenessCore
import LikenessNumerics
import Testing
@testable import LikenessLearning

/// The Siamese pair scorer: the fusion's gradient against finite differences, its values by hand,
/// and training that learns which pairs are alike; and contrastive training of an embedding head.
@Suite struct SiameseTests {
    @Test("PairFusion: cosine, distance and dot by hand, and both inputs' gradients against central differences")
    func fusion() {
        let a = Matrix(rows: 1, columns: 2, values: [3, 4]), b = Matrix(rows: 1, columns: 2, values: [4, 3])
        let f = PairFusion.forward(a, b).values
        #expect(abs(f[0] - 24.0 / 25) < 1e-6 && abs(f[1] - Float(2).squareRoot()) < 1e-6 && f[2] == 24)

        let first = GradientCheck.matrix(4, 5, seed: 71), second = GradientCheck.matrix(4, 5, seed: 72)
        let weights = GradientCheck.matrix(4, 3, seed: 73)
        let (ga, gb) = PairFusion.backward(first, second, outputGradient: weights)
        let numericA = GradientCheck.numeric(first.values, step: 1e-3) { x in
            GradientCheck.weightedSum(PairFusion.forward(Matrix(rows: 4, columns: 5, values: x), second), weights)
        }
        let numericB = GradientCheck.numeric(second.values, step: 1e-3) { x in
            GradientCheck.weightedSum(PairFusion.forward(first, Matrix(rows: 4, columns: 5, values: x)), weights)
        }
        #expect(GradientCheck.relativeError(ga.values, numericA) < 1e-2)
        #expect(GradientCheck.relativeError(gb.values, numericB) < 1e-2)
    }

    @Test("the whole scorer's gradient (tower → fusion → dense → sigmoid → BCE) against central differences")
    func scorerGradient() throws {
        let tower = try Network(inputWidth: 4, layers: [.dense(inputs: 4, outputs: 3), .tanh], seed: 81)
        let fusion = try Network(inputWidth: 3, layers: [.dense(inputs: 3, outputs: 1), .sigmoid], seed: 82)
        let x = GradientCheck.matrix(6, 4, seed: 83)
        let targets: [Float] = [1, 0, 1]
        func loss(_ parameters: [Float]) -> Double {
            var (t, f) = (tower, fusion)
            t.parameters = Array(parameters[..<tower.parameters.count])
            f.parameters = Array(parameters[tower.parameters.count...])
            let e = t(x)
            let p = f(PairFusion.forward(e.selecting(rows: [0, 1, 2]), e.selecting(rows: [3, 4, 5])))
            return BinaryCrossEntropy().evaluate(p, targets: targets).value
        }
        let towerTape = tower.forward(x)
        let (first, second) = (towerTape.output.selecting(rows: [0, 1, 2]), towerTape.output.selecting(rows: [3, 4, 5]))
        let fusionTape = fusion.forward(PairFusion.forward(first, second))
        let evaluated = BinaryCrossEntropy().evaluate(fusionTape.output, targets: targets)
        let fused = fusion.gradient(fusionTape, outputGradient: evaluated.gradient)
        let (ga, gb) = PairFusion.backward(first, second, outputGradient: fused.input)
        let towerGradient = tower.gradient(towerTape, outputGradient: Matrix(rows: 6, columns: 3, values: ga.values + gb.values)).parameters
        let numeric = GradientCheck.numeric(tower.parameters + fusion.parameters, step: 1e-3, loss)
        #expect(GradientCheck.relativeError(towerGradient + fused.parameters, numeric) < 1e-2)
    }

    @Test("a scorer learns which pairs share a class where the raw cosine mostly sees noise, and repeats bit for bit")
    func learns() throws {
        let (train, labels) = TripletTrainerTests.data(seed: 1)
        let (test, testLabels) = TripletTrainerTests.data(seed: 101)
        var random = SeededRandom(seed: 9)
        let testPairs = TrainingPairs.classes(testLabels).epoch(&random)
        #expect(testPairs.filter(\.same).count == testPairs.count / 2)
        let standardizer = Standardizer(fittingRows: train)
        let configuration = SiameseTrainer.Configuration(hidden: [16], dimension: 4, epochs: 30, batchSize: 32, learningRate: 0.01, seed: 4)
        func accuracy(_ result: SiameseTrainer.Result) throws -> Double {
            let scorer = try SiameseScorer(standardizer: standardizer, tower: result.tower, fusion: result.fusion)
            let p = scorer.probabilities(test.selecting(rows: testPairs.map(\.first)), test.selecting(rows: testPairs.map(\.second)))
            return Double(zip(p, testPairs).filter { ($0 >= 0.5) == $1.same }.count) / Double(testPairs.count)
        }
        let result = try SiameseTrainer(configuration: configuration).train(features: standardizer.apply(rows: train), pairs: .classes(labels))
        #expect(result.epochs.count == 30 && result.epochs.allSatisfy { $0.loss.isFinite })
        #expect(result.epochs.last!.loss < result.epochs.first!.loss)
        // The raw cosine at its best threshold, for comparison.
        let cosines = testPairs.map { pair in
            (pair.same, test.row(pair.first).cosineSimilarity(to: test.row(pair.second)))
        }
        let raw = cosines.map { threshold in
            Double(cosines.filter { ($0.1 >= threshold.1) == $0.0 }.count) / Double(cosines.count)
        }.max()!
        let learned = try accuracy(result)
        #expect(learned > raw + 0.1, "accuracy \(raw) → \(learned)")
        let again = try SiameseTrainer(configuration: configuration).train(features: standardizer.apply(rows: train), pairs: .classes(labels))
        #expect(again.tower == result.tower && again.fusion == result.fusion)
    }

    @Test("the fusion's last layer starts at zero: every pair starts at 0.5, however large the fused distance and dot product")
    func fusionStartsUndecided() throws {
        // Features 1,000 times larger than standardised ones give fused values in the thousands.
        let (train, labels) = TripletTrainerTests.data(seed: 1)
        let large = Matrix(rows: train.rows, columns: train.columns, values: train.values.map { $0 * 1_000 })
        let configuration = SiameseTrainer.Configuration(hidden: [16], dimension: 4, fusionHidden: [3], epochs: 1, batchSize: 32,
                                                         learningRate: 1e-12, seed: 4)
        let result = try SiameseTrainer(configuration: configuration).train(features: large, pairs: .classes(labels))
        let fused = PairFusion.forward(result.tower(large.selecting(rows: [0, 1, 2])), result.tower(large.selecting(rows: [3, 4, 5])))
        #expect(fused.values.contains { abs($0) > 100 })
        #expect(result.fusion(fused).values.allSatisfy { abs($0 - 0.5) < 1e-3 }, "\(result.fusion(fused).values)")
        #expect(abs(result.epochs[0].loss - 0.693_147) < 1e-3)
    }

    @Test("contrastive pairs: every same-class pair and as many of the nearest other pairs")
    func contrastivePairs() {
        let distances = Matrix(rows: 4, columns: 4, values: [0, 1, 5, 2,
                                                             1, 0, 3, 4,
                                                             5, 3, 0, 1,
                                                             2, 4, 1, 0])
        let pairs = ContrastiveLoss.pairs(distances: distances, labels: [0, 0, 1, 1])
        #expect(pairs == [.init(0, 1, same: true), .init(2, 3, same: true), .init(0, 3, same: false), .init(1, 2, same: false)])
    }

    @Test("contrastive training separates the classes the raw features mix")
    func contrastiveLearns() throws {
        let (train, labels) = TripletTrainerTests.data(seed: 1)
        let (test, testLabels) = TripletTrainerTests.data(seed: 101)
        let configuration = TripletTrainer.Configuration(hidden: [16], dimension: 4, epochs: 30, batchSize: 32, margin: MarginSchedule(1.0),
                                                         learningRate: 0.03, seed: 3, objective: .contrastive)
        let result = try TripletTrainer(configuration: configuration).train(features: train, labels: labels)
        let before = TripletTrainerTests.precision(at: 5, test, testLabels)
        let after = TripletTrainerTests.precision(at: 5, result.network(test), testLabels)
        #expect(after > before + 0.3, "P@5 \(before) → \(after)")
    }
}
