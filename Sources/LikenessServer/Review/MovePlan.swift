/// What a move would do, shown before anything moves.
public struct MovePlan: Codable, Sendable {
    public struct Planned: Codable, Sendable, Equatable {
        public var group: Int
        public var id: Int64?
        public var path: String
        public var size: Int64?
        /// The copy that stays.
        public var kept: String
    }

    public var result: Int
    /// The trash folder the copies go to.
    public var destination: String
    public var moves: [Planned]
    public var bytes: Int64
    /// Set when the plan moves more than half of the compared images: such groups come more often
    /// from a threshold that is too loose than from a collection of copies, so the move needs `force`.
    public var warning: String?
}
