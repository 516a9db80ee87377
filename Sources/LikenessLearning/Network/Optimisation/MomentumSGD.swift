/// Stochastic gradient descent with (heavy-ball) momentum, as PyTorch's `SGD`:
/// v ← μ v + (g + λ θ), θ ← θ − rate · v.
public struct MomentumSGD: Optimizer {
    public let momentum: Float
    public let weightDecay: Float
    var velocity: [Float]
    var started = false

    public init(count: Int, momentum: Float = 0.9, weightDecay: Float = 0) {
        self.momentum = momentum
        self.weightDecay = weightDecay
        velocity = [Float](repeating: 0, count: count)
    }

    public mutating func step(_ parameters: inout [Float], gradient: [Float], rate: Float) {
        precondition(parameters.count == velocity.count && gradient.count == velocity.count, "SGD was made for \(velocity.count) parameters")
        for i in parameters.indices {
            let g = gradient[i] + weightDecay * parameters[i]
            // The first step takes the gradient itself, as PyTorch does.
            velocity[i] = started ? momentum * velocity[i] + g : g
            parameters[i] -= rate * velocity[i]
        }
        started = true
    }
}
