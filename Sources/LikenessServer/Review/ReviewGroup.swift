import Foundation
import LikenessCore
import LikenessEngine

/// One duplicate group as the review page shows it: the engine's group with catalog ids, sizes and
/// the evidence of every member spelled out.
public struct ReviewGroup: Codable, Sendable, Equatable {
    /// One copy, with the signals that joined it to the centre that confirmed it.
    public struct Member: Codable, Sendable, Equatable {
        /// The catalogued image (nil when the catalog no longer has it).
        public var image: ImageSummary?
        public var path: String
        /// True for the copy the engine suggests keeping.
        public var suggested: Bool
        public var similarity: Float
        public var hashDistance: Int?
        public var inliers: Int?
        /// The centre it was confirmed against, when that is not the suggested keeper.
        public var confirmedBy: String?
        /// The evidence in words: "cosine 0.982 · pHash 3/64 · 41 matching corners".
        public var evidence: String
    }

    /// Stable within one dupes result: the group's position in the engine's output.
    public var id: Int
    /// How alike the copies are: identical files or the same picture (the server lists no other shots).
    public var tier: DuplicateTier
    /// Why the suggested copy is kept (the engine's rule, in words).
    public var reason: String
    /// Bytes freed by moving every copy but the suggested keeper.
    public var saving: Int64
    /// Every copy, the suggested keeper first.
    public var members: [Member]

    /// The suggested keeper.
    public var keeper: Member { members[0] }

    init(id: Int, group: DuplicateGroup, images: [String: CatalogImage]) {
        self.id = id
        tier = group.tier
        reason = group.reason
        let keeperHash = images[group.keep]?.contentHash
        members = group.members.map { member in
            let keeper = member.path == group.keep
            let identical = !keeper && keeperHash != nil && images[member.path]?.contentHash == keeperHash
            return Member(image: images[member.path].map(ImageSummary.init), path: member.path, suggested: keeper,
                          similarity: member.similarity, hashDistance: member.hashDistance, inliers: member.inliers,
                          confirmedBy: member.confirmedBy == group.keep ? nil : member.confirmedBy,
                          evidence: keeper ? "suggested keeper" : (identical ? "byte-identical to the keeper · " : "") + Self.evidence(member))
        }
        saving = members.dropFirst().reduce(0) { $0 + ($1.image?.size ?? 0) }
    }

    /// The numbers that made a member a duplicate, as the CLI's HTML report words them.
    static func evidence(_ member: DuplicateMember) -> String {
        String(format: "cosine %.3f", member.similarity)
            + (member.hashDistance.map { " · pHash \($0)/64" } ?? "")
            + (member.inliers.map { " · \($0) matching corners" } ?? "")
    }
}

/// A page of the review: groups ordered by the bytes they would free, largest first.
public struct ReviewPage: Codable, Sendable {
    /// The job whose groups these are; moves name it so a newer run is never acted on by mistake.
    public var result: Int
    public var model: String
    /// Images compared.
    public var images: Int
    /// Groups left to review (moved groups leave the list).
    public var total: Int
    /// Bytes all remaining groups would free.
    public var saving: Int64
    /// How the groups are ordered, in words.
    public var order: String
    public var offset: Int
    public var groups: [ReviewGroup]
    public var warnings: [String]?
    /// The tier shown, when the list is filtered to one (`?tier=`).
    public var tier: DuplicateTier?
    /// How many groups each tier has, filtered or not.
    public var tiers: [TierCount]

    public struct TierCount: Codable, Sendable {
        public var tier: DuplicateTier
        public var groups: Int
    }

    public static let orderRule = "largest potential saving first: the bytes of every copy but the suggested keeper"
}
