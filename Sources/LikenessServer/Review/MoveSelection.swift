/// What a client asks to move: the copies of chosen groups (or of every group) except the keeper of each.
public struct MoveSelection: Codable, Sendable {
    public struct Choice: Codable, Sendable {
        /// A group id of ``ReviewGroup``.
        public var group: Int
        /// The catalog id of the copy to keep; default: the suggested keeper.
        public var keep: Int64?

        public init(group: Int, keep: Int64? = nil) {
            self.group = group
            self.keep = keep
        }
    }

    /// The dupes job whose groups are meant (``ReviewPage/result``).
    public var result: Int
    public var groups: [Choice]?
    /// True: every remaining group with its suggested keeper.
    public var all: Bool?

    public init(result: Int, groups: [Choice]? = nil, all: Bool? = nil) {
        self.result = result
        self.groups = groups
        self.all = all
    }
}

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
}

/// A dismissal of a group: "these are not duplicates" for a pair, or "keep all" for a whole group.
///
/// The endpoint shape is fixed; storing decisions waits for the engine's decisions store.
public struct DecisionRequest: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// The two images of `images` are different pictures: never group them again.
        case notDuplicates
        /// Every copy of the group stays: never propose moving any of them.
        case keepAll
    }

    public var result: Int
    public var group: Int
    public var kind: Kind
    /// Catalog ids: the pair for `notDuplicates`; ignored for `keepAll` (the whole group).
    public var images: [Int64]?
}
