import Foundation
import LikenessAnalysis
import Testing

/// The RBF ε-SVR prediction, f(x) = Σ cᵢ exp(−γ ‖x − sᵢ‖²) − ρ, on values checked by hand.
@Suite struct SupportVectorRegressionTests {
    let model = SupportVectorRegression(dimension: 2, gamma: 0.5, rho: 1, coefficients: [2, -1], supportVectors: [0, 0, 1, 1])

    @Test("at a support vector its kernel is 1; the other's is exp(−γ · 2)")
    func atSupportVectors() {
        #expect(abs(model.predict([0, 0]) - (2 - exp(-1) - 1)) < 1e-12)
        #expect(abs(model.predict([1, 1]) - (2 * exp(-1) - 1 - 1)) < 1e-12)
    }

    @Test("far from every support vector only −ρ is left")
    func farAway() {
        #expect(abs(model.predict([100, -100]) + 1) < 1e-12)
    }

    @Test("halfway between: both kernels are exp(−γ · 0.5)")
    func halfway() {
        #expect(abs(model.predict([0.5, 0.5]) - (exp(-0.25) - 1)) < 1e-12)
    }
}
