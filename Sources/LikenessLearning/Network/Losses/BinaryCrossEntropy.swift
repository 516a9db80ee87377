import Foundation
import LikenessNumerics

/// Binary cross-entropy of probabilities against 0/1 targets: −[y log p + (1 − y) log(1 − p)],
/// averaged over the rows. Probabilities are clamped to [``epsilon``, 1 − ``epsilon``] so a
/// saturated sigmoid gives a large, finite loss.
public struct BinaryCrossEntropy: Sendable {
    /// How close to 0 or 1 a probability may come. 1e-7.
    public var epsilon: Float = 1e-7

    public init() {}

    /// The loss of a one-column matrix of probabilities against `targets` (one per row), and its gradient.
    public func evaluate(_ probabilities: Matrix, targets: [Float]) -> LossGradient {
        precondition(probabilities.columns == 1 && probabilities.rows == targets.count,
                     "binary cross-entropy takes one probability per target")
        var gradient = Matrix(zeros: probabilities.rows, columns: 1)
        guard !targets.isEmpty else { return LossGradient(value: 0, gradient: gradient, activeTerms: 0) }
        var total = 0.0
        let count = Float(targets.count)
        for (i, y) in targets.enumerated() {
            let p = min(max(probabilities.values[i], epsilon), 1 - epsilon)
            total -= Double(y * logf(p) + (1 - y) * logf(1 - p))
            gradient.values[i] = (p - y) / (p * (1 - p)) / count
        }
        return LossGradient(value: total / Double(targets.count), gradient: gradient, activeTerms: targets.count)
    }
}
