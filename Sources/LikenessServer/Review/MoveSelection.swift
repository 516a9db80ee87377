import LikenessEngine

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
    /// With ``all``: only the groups of this tier (what the review page shows when filtered).
    public var tier: DuplicateTier?
    /// Move even when the plan moves more than ``LikenessEngine/DupesJob/largestCopyShare`` of the
    /// compared images: the rule of `dupes --move-to … --force`, after the preview said so.
    public var force: Bool?

    public init(result: Int, groups: [Choice]? = nil, all: Bool? = nil, tier: DuplicateTier? = nil, force: Bool? = nil) {
        self.result = result
        self.groups = groups
        self.all = all
        self.tier = tier
        self.force = force
    }
}
