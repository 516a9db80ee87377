import Foundation
import LikenessCore
import LikenessNumerics
import Testing
@testable import LikenessLearning

/// NT-Xent's gradient against finite differences, and its value where the answer is known.
@Suite struct NTXentTests {
    @Test(arguments: [Float(0.5), 0.1])
    func gradient(temperature: Float) {
        let codes = GradientCheck.matrix(6, 4, seed: 3, scale: 1.5, gap: 0.2)
        let loss = NTXentLoss(temperature: temperature)
        let analytic = loss.evaluate(codes).gradient.values
        let numeric = GradientCheck.numeric(codes.values, step: 1e-3) { x in loss.evaluate(Matrix(rows: 6, columns: 4, values: x)).value }
        let error = GradientCheck.relativeError(analytic, numeric)
        #expect(error < 2e-2, "NT-Xent gradient off by \(error)")
    }

    @Test func matchedViewsCostLess() {
        // Two images on orthogonal axes: views that agree cost less than views that are swapped.
        let matched = Matrix(rows: 4, columns: 2, values: [1, 0, 0, 1, 1, 0.1, 0.1, 1])
        let swapped = Matrix(rows: 4, columns: 2, values: [1, 0, 0, 1, 0.1, 1, 1, 0.1])
        let loss = NTXentLoss(temperature: 0.5)
        #expect(loss.evaluate(matched).value < loss.evaluate(swapped).value)
        // Every row the same: each softmax is uniform over the 3 others, so the loss is log 3.
        let same = Matrix(rows: 4, columns: 2, values: [Float](repeating: 1, count: 8))
        #expect(abs(loss.evaluate(same).value - log(3.0)) < 1e-5)
    }

    @Test func meanSquaredError() {
        let output = Matrix(rows: 1, columns: 2, values: [1, 3]), target = Matrix(rows: 1, columns: 2, values: [0, 1])
        let result = MeanSquaredError.evaluate(output, target: target)
        #expect(result.value == 2.5)
        #expect(result.gradient.values == [1, 2])
    }
}
