import Foundation

/// Adam (Kingma and Ba 2015) with bias-corrected moment estimates, and AdamW's decoupled weight
/// decay (Loshchilov and Hutter 2019) when ``decoupled`` is set.
///
/// With `decoupled`, each step also shrinks every parameter by `rate · weightDecay` (as PyTorch's
/// `AdamW`); without it, `weightDecay · θ` is added to the gradient (as PyTorch's `Adam`).
public struct Adam: Optimizer {
    public let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    public let weightDecay: Float
    public let decoupled: Bool
    var first: [Float]
    var second: [Float]
    var steps = 0

    public init(count: Int, weightDecay: Float = 0, decoupled: Bool = true) {
        self.weightDecay = weightDecay
        self.decoupled = decoupled
        first = [Float](repeating: 0, count: count)
        second = [Float](repeating: 0, count: count)
    }

    public mutating func step(_ parameters: inout [Float], gradient: [Float], rate: Float) {
        precondition(parameters.count == first.count && gradient.count == first.count, "Adam was made for \(first.count) parameters")
        let shrink: Float = decoupled ? 1 - rate * weightDecay : 1
        let l2: Float = decoupled ? 0 : weightDecay
        let (c1, c2) = nextCorrections()
        for i in parameters.indices {
            parameters[i] = parameters[i] * shrink - update(i, gradient[i] + l2 * parameters[i], rate: rate, c1, c2)
        }
    }

    /// Updates the moments with `gradient` (no weight decay) and hands each parameter's
    /// bias-corrected step to `apply`, for callers that keep their parameters in several arrays.
    mutating func step(gradient: [Float], rate: Float, apply: (Int, Float) -> Void) {
        let (c1, c2) = nextCorrections()
        for i in gradient.indices { apply(i, update(i, gradient[i], rate: rate, c1, c2)) }
    }

    /// Counts the step and returns the bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ.
    private mutating func nextCorrections() -> (Float, Float) {
        steps += 1
        return (1 - powf(beta1, Float(steps)), 1 - powf(beta2, Float(steps)))
    }

    /// Moves parameter i's moments by gradient g and returns its step.
    @inline(__always)
    private mutating func update(_ i: Int, _ g: Float, rate: Float, _ correction1: Float, _ correction2: Float) -> Float {
        first[i] = beta1 * first[i] + (1 - beta1) * g
        second[i] = beta2 * second[i] + (1 - beta2) * g * g
        let mHat = first[i] / correction1, vHat = second[i] / correction2
        return rate * mHat / (vHat.squareRoot() + epsilon)
    }
}
