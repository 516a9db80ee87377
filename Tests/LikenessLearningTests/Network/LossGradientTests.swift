import Foundation
import LikenessCore
import LikenessNumerics
import Testing
@testable import LikenessLearning

/// Every loss's gradient against finite differences, and its value on hand-made cases.
@Suite struct LossGradientTests {
    let tolerance = 1e-2

    @Test func tripletGradient() {
        let embeddings = GradientCheck.matrix(6, 4, seed: 51)
        let triplets = [Triplet(anchor: 0, positive: 1, negative: 2), Triplet(anchor: 3, positive: 4, negative: 5),
                        Triplet(anchor: 1, positive: 0, negative: 5)]
        // A margin this large keeps every triplet active, away from the hinge.
        let loss = TripletLoss(margin: 10)
        let analytic = loss.evaluate(embeddings, triplets: triplets)
        #expect(analytic.activeTerms == 3)
        let numeric = GradientCheck.numeric(embeddings.values) { x in
            loss.evaluate(Matrix(rows: 6, columns: 4, values: x), triplets: triplets).value
        }
        #expect(GradientCheck.relativeError(analytic.gradient.values, numeric) < tolerance)
    }

    @Test func tripletValue() {
        // a = (0,0), p = (1,0), n = (0,2): ‖a−p‖² = 1, ‖a−n‖² = 4.
        let e = Matrix(rows: 3, columns: 2, values: [0, 0, 1, 0, 0, 2])
        let t = [Triplet(anchor: 0, positive: 1, negative: 2)]
        #expect(TripletLoss(margin: 1).evaluate(e, triplets: t).value == 0)
        #expect(TripletLoss(margin: 1).evaluate(e, triplets: t).gradient.values.allSatisfy { $0 == 0 })
        #expect(abs(TripletLoss(margin: 4).evaluate(e, triplets: t).value - 1) < 1e-6)
        #expect(TripletLoss(margin: 4).evaluate(e, triplets: []).value == 0)
    }

    @Test func contrastiveGradient() {
        let embeddings = GradientCheck.matrix(5, 3, seed: 61, scale: 0.5)
        let pairs = [ContrastiveLoss.Pair(0, 1, same: true), ContrastiveLoss.Pair(2, 3, same: false),
                     ContrastiveLoss.Pair(1, 4, same: false), ContrastiveLoss.Pair(3, 4, same: true)]
        // Points within ±0.5 in 3-d are closer than 2, so every different pair is inside the margin.
        let loss = ContrastiveLoss(margin: 2)
        let analytic = loss.evaluate(embeddings, pairs: pairs)
        #expect(analytic.activeTerms == 4)
        let numeric = GradientCheck.numeric(embeddings.values, step: 1e-3) { x in
            loss.evaluate(Matrix(rows: 5, columns: 3, values: x), pairs: pairs).value
        }
        #expect(GradientCheck.relativeError(analytic.gradient.values, numeric) < tolerance)
    }

    @Test func contrastiveValue() {
        let e = Matrix(rows: 2, columns: 2, values: [0, 0, 3, 4])
        #expect(abs(ContrastiveLoss(margin: 1).evaluate(e, pairs: [.init(0, 1, same: true)]).value - 25) < 1e-5)
        #expect(ContrastiveLoss(margin: 5).evaluate(e, pairs: [.init(0, 1, same: false)]).value == 0)
        #expect(abs(ContrastiveLoss(margin: 6).evaluate(e, pairs: [.init(0, 1, same: false)]).value - 1) < 1e-5)
    }

    @Test func binaryCrossEntropyGradient() {
        let probabilities = Matrix(rows: 4, columns: 1, values: [0.2, 0.7, 0.45, 0.9])
        let targets: [Float] = [0, 1, 1, 0]
        let loss = BinaryCrossEntropy()
        let analytic = loss.evaluate(probabilities, targets: targets)
        let numeric = GradientCheck.numeric(probabilities.values, step: 1e-3) { p in
            loss.evaluate(Matrix(rows: 4, columns: 1, values: p), targets: targets).value
        }
        #expect(GradientCheck.relativeError(analytic.gradient.values, numeric) < tolerance)
        let expected = -(log(0.8) + log(0.7) + log(0.45) + log(0.1)) / 4
        #expect(abs(analytic.value - expected) < 1e-5)
    }

    @Test func binaryCrossEntropyThroughSigmoid() throws {
        // Logits → sigmoid → BCE: the chained gradient is p − y per row over the count.
        let network = try Network(inputWidth: 1, layers: [.sigmoid], seed: 1)
        let logits = Matrix(rows: 3, columns: 1, values: [-1, 0.5, 2])
        let tape = network.forward(logits)
        let targets: [Float] = [1, 0, 1]
        let loss = BinaryCrossEntropy().evaluate(tape.output, targets: targets)
        let input = network.gradient(tape, outputGradient: loss.gradient).input
        for i in 0..<3 { #expect(abs(input.values[i] - (tape.output.values[i] - targets[i]) / 3) < 1e-5) }
    }
}
