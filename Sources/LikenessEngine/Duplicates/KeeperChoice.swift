import LikenessCatalog
import LikenessCore

/// The copy a group keeps: its position among the candidates, the rule that decided, and why.
public struct KeeperChoice: Sendable, Hashable {
    public var index: Int
    /// Nil when no rule told the last copies apart (the first by path was taken).
    public var rule: KeeperRule?
    public var reason: String

    /// The keeper of each group (positions in `images`), measuring quality only for the copies the
    /// chain reaches its quality rule with, all at once on the workers of `signals`. The padding
    /// rule reads each copy's border fill, measured alone (a decode, not the other measures): in
    /// the benchmark's 44 groups, 97 of 1,112 copies reach the quality rule.
    /// `vector(n)` gives image n's embedding, for the ``KeeperRule/central`` rule, which applies to
    /// groups of copies only: the groups from `copyGroups` on are other shots of one scene, where
    /// no member was made from another and the best shot is wanted, not the most typical.
    static func keepers(_ groups: [[Int]], copyGroups: Int, images: [CatalogImage], policy: KeeperPolicy, signals: ImageSignalCache,
                        vector: (Int) -> [Float]) -> [KeeperChoice] {
        var bare = groups.enumerated().map { number, members in
            // A file without a content hash counts as content of its own.
            let centralities = policy.needsCentrality && number < copyGroups && members.count > 2
                ? GroupCentrality.of(members.map(vector), content: members.map { images[$0].contentHash.map(Content.bytes) ?? .unhashed($0) },
                                      measure: policy.centralMeasure)
                : members.map { _ in nil }
            return zip(members, centralities).map { member, centrality in
                var candidate = KeeperCandidate(images[member])
                candidate.centrality = centrality
                return candidate
            }
        }
        if policy.needsBorder {
            signals.fillBorderFill(groups.flatMap { $0 })
            for (number, members) in groups.enumerated() {
                for (position, member) in members.enumerated() { bare[number][position].borderFill = signals.borderFill(member) }
            }
        }
        if policy.needsQuality {
            signals.fillQuality(zip(groups, bare).flatMap { members, candidates in policy.needingQuality(candidates).map { members[$0] } })
        }
        return zip(groups, bare).map { members, candidates in
            var candidates = candidates
            if policy.needsQuality {
                for position in policy.needingQuality(candidates) { candidates[position].quality = signals.quality(members[position]) }
            }
            return policy.choose(candidates)
        }
    }

    /// What makes two copies the same content for ``GroupCentrality``.
    enum Content: Hashable {
        case bytes(ContentHash)
        /// A file whose bytes were not hashed: its own content, by its position.
        case unhashed(Int)
    }
}
