/// Updates a flat parameter vector from its gradient, one step at a time.
public protocol Optimizer: Sendable {
    /// One update of `parameters` by `gradient` (same length) with step size `rate`.
    mutating func step(_ parameters: inout [Float], gradient: [Float], rate: Float)
}

/// Which optimiser trains a head: the closed set, parsed once from the command line.
public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
    /// Stochastic gradient descent with momentum 0.9; weight decay as an L2 term in the gradient.
    case sgd
    /// Adam; weight decay as an L2 term in the gradient.
    case adam
    /// Adam with decoupled weight decay (Loshchilov and Hutter 2019).
    case adamw

    /// A fresh optimiser of this kind for `count` parameters.
    public func make(count: Int, weightDecay: Float) -> any Optimizer {
        switch self {
        case .sgd: MomentumSGD(count: count, momentum: 0.9, weightDecay: weightDecay)
        case .adam: Adam(count: count, weightDecay: weightDecay, decoupled: false)
        case .adamw: Adam(count: count, weightDecay: weightDecay, decoupled: true)
        }
    }
}
