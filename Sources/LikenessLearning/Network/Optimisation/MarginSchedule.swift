/// A triplet margin that moves linearly from ``start`` at the first epoch to ``end`` at the last,
/// so early training is not asked for a gap it cannot yet make (the seed's dynamic margin).
public struct MarginSchedule: Sendable, Codable, Equatable {
    public var start: Float
    public var end: Float

    public init(start: Float, end: Float) {
        self.start = start
        self.end = end
    }

    /// A margin that stays at `value`.
    public init(_ value: Float) { self.init(start: value, end: value) }

    /// The margin of epoch `epoch` (0-based) of `epochs`.
    public func margin(epoch: Int, of epochs: Int) -> Float {
        guard epochs > 1 else { return start }
        return start + (end - start) * Float(epoch) / Float(epochs - 1)
    }
}
