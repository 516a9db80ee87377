import Foundation

/// How the step size changes over training.
public enum LearningRateSchedule: Sendable, Codable, Equatable {
    /// The base rate throughout.
    case constant
    /// The base rate times `factor` after every `epochs` epochs.
    case step(epochs: Int, factor: Float)
    /// A cosine decay from the base rate to zero over all steps (Loshchilov and Hutter 2017, without restarts).
    case cosine

    /// The rate for step `step` (0-based) of `totalSteps`, `stepsPerEpoch` to an epoch.
    public func rate(base: Float, step: Int, totalSteps: Int, stepsPerEpoch: Int) -> Float {
        switch self {
        case .constant:
            return base
        case .step(let epochs, let factor):
            return base * powf(factor, Float(step / max(1, stepsPerEpoch) / max(1, epochs)))
        case .cosine:
            return base * 0.5 * (1 + cosf(Float.pi * Float(step) / Float(max(1, totalSteps))))
        }
    }
}
