import LikenessCore
import LikenessNumerics
@testable import LikenessLearning

/// Finite-difference checks of analytic gradients.
enum GradientCheck {
    /// A seeded matrix of values uniform in ±`scale`, kept at least `gap` away from zero (so ReLU's
    /// kink is not straddled by the finite difference).
    static func matrix(_ rows: Int, _ columns: Int, seed: UInt64, scale: Float = 1, gap: Float = 0) -> Matrix {
        var random = SeededRandom(seed: seed)
        return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in
            let u = Float(2 * random.nextUnit() - 1) * scale
            return abs(u) < gap ? (u < 0 ? -gap : gap) : u
        })
    }

    /// Central differences of `f` at `x`, one coordinate at a time.
    static func numeric(_ x: [Float], step: Float = 1e-2, _ f: ([Float]) -> Double) -> [Double] {
        var probe = x
        return x.indices.map { i in
            probe[i] = x[i] + step
            let up = f(probe)
            probe[i] = x[i] - step
            let down = f(probe)
            probe[i] = x[i]
            return (up - down) / (2 * Double(step))
        }
    }

    /// The largest difference between two gradients relative to the larger of their norms.
    static func relativeError(_ analytic: [Float], _ numeric: [Double]) -> Double {
        precondition(analytic.count == numeric.count)
        var worst = 0.0, norm = 1e-6
        for (a, n) in zip(analytic, numeric) {
            worst = max(worst, abs(Double(a) - n))
            norm = max(norm, abs(Double(a)), abs(n))
        }
        return worst / norm
    }

    /// Σ weights ⊙ output: a scalar objective whose gradient with respect to the output is `weights`.
    static func weightedSum(_ output: Matrix, _ weights: Matrix) -> Double {
        zip(output.values, weights.values).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// Checks a network's parameter and input gradients against central differences of
    /// Σ weights ⊙ network(input) in training mode (batch statistics); returns the two relative errors.
    /// Only the first `parameterLimit` parameters are probed (all when nil); `step` is the finite difference's.
    static func check(_ network: Network, input: Matrix, seed: UInt64, parameterLimit: Int? = nil, step: Float = 1e-2) -> (parameters: Double, input: Double) {
        let weights = matrix(input.rows, network.outputWidth, seed: seed)
        let tape = network.forward(input)
        let analytic = network.gradient(tape, outputGradient: weights)
        let probed = parameterLimit.map { min($0, network.parameters.count) } ?? network.parameters.count
        let numericParameters = numeric(Array(network.parameters[..<probed]), step: step) { p in
            var copy = network
            copy.parameters.replaceSubrange(0..<probed, with: p)
            return weightedSum(copy.forward(input).output, weights)
        }
        let numericInput = numeric(input.values, step: step) { x in
            weightedSum(network.forward(Matrix(rows: input.rows, columns: input.columns, values: x)).output, weights)
        }
        return (relativeError(Array(analytic.parameters[..<probed]), numericParameters), relativeError(analytic.input.values, numericInput))
    }
}
