/// An anchor, a positive of its class and a negative of another class: positions in one batch.
public struct Triplet: Sendable, Equatable, Hashable {
    public var anchor: Int
    public var positive: Int
    public var negative: Int

    public init(anchor: Int, positive: Int, negative: Int) {
        self.anchor = anchor
        self.positive = positive
        self.negative = negative
    }
}
