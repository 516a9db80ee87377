/// A dismissal of a group: "these are not duplicates" for a pair, or "keep all" for a whole group,
/// stored in the catalog by the engine's decisions store (`likeness decisions`), so later dupes
/// runs never propose it again.
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
