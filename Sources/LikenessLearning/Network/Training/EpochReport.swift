/// What one epoch of training did.
public struct EpochReport: Sendable, Codable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// Mean loss over the epoch's batches.
    public var loss: Double
    /// Share of the epoch's loss terms (triplets) that were active (positive loss).
    public var activeShare: Double
    /// The validation score after the epoch (higher is better), or nil without a validation set.
    public var validation: Double?
    /// The margin used in this epoch.
    public var margin: Float
    /// The learning rate at the epoch's first step.
    public var learningRate: Float
    /// Wall-clock seconds of the epoch's training steps (validation excluded).
    public var seconds: Double
}
