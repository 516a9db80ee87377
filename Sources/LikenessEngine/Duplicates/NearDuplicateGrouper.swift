import Foundation
import LikenessCatalog
import LikenessAnalysis
import LikenessCore
import LikenessHashing
import LikenessImaging

/// One member of a duplicate group, with the signals that joined it to the image that confirmed it.
///
/// Groups form around a centre (``StarGrouping``): every member is a confirmed duplicate of the
/// centre, which may differ from the keeper. The numbers are those of that confirmed pair, so each
/// line passes the rule: the cosine alone, or the pHash within the radius, or enough inliers.
public struct DuplicateMember: Sendable, Codable, Hashable {
    public var path: String
    /// Cosine similarity of its embedding to the centre's (1 for the centre itself).
    public var similarity: Float
    /// Smallest pHash distance to the centre over the eight turns and flips; nil when the cosine
    /// decided alone (0 for the centre itself).
    public var hashDistance: Int?
    /// Local features matching the centre's in one geometry; nil when neither the cosine nor the
    /// hash left the pair open, so a reader sees what decided.
    public var inliers: Int?
    /// The group's centre, which this member was confirmed against; nil for the centre itself.
    public var confirmedBy: String?
    /// How alike this member and that centre are (for the centre: it and the keeper); nil for the keeper.
    public var tier: DuplicateTier?
}

/// A group of near-duplicates with the copy to keep and why.
public struct DuplicateGroup: Sendable, Codable, Hashable {
    /// Identical when every member has the same bytes; the same scene for a group of other shots
    /// (whose members are never moved); else the same picture.
    public var tier: DuplicateTier
    public var keep: String
    public var reason: String
    /// Every member, the keeper first.
    public var members: [DuplicateMember]
}

/// Groups images whose embeddings are close, confirming borderline pairs with a perceptual hash.
///
/// Each image keeps its ``DuplicateConfiguration/neighbours`` closest candidates; confirmed pairs
/// are grouped around centres (``StarGrouping``), so every member is a confirmed duplicate of its
/// group's centre and look-alikes do not chain. The keeper is then chosen within each group.
/// Copies (identical or the same picture) are grouped first; pairs that show the same scene in
/// another shot (``DuplicateTier/sameScene``) then form groups of their own among the images left,
/// listed after the copies.
public struct NearDuplicateGrouper: Sendable {
    public let configuration: DuplicateConfiguration
    /// How each group's keeper is chosen.
    public let keeper: KeeperPolicy

    public init(configuration: DuplicateConfiguration = DuplicateConfiguration(), keeper: KeeperPolicy = .standard) throws(ImagingError) {
        self.configuration = configuration
        self.keeper = keeper
    }

    /// The groups among the images of `space`, largest first.
    ///
    /// With `catalog` (the one `space` was read from), each image's confirmation signals and
    /// the keeper's quality scores are read from it when stored and stored when computed, so a second run on an
    /// unchanged collection decodes no image.
    /// A cancelled `cancellation` stops the confirmation early; check the token before using the result.
    /// Pairs in `distinct` (a person said they are not duplicates) are never joined.
    public func groups(in space: EmbeddingSpace, catalog: (any CatalogStore)? = nil, distinct: DistinctPairs = DistinctPairs(),
                       progress: any ProgressReporter = SilentProgress(), cancellation: CancellationToken? = nil) throws(ImagingError) -> [DuplicateGroup] {
        try groups(in: space, confirmer: PairConfirmer(configuration: configuration, images: space.images, catalog: catalog), distinct: distinct,
                   progress: progress, cancellation: cancellation)
    }

    func groups(in space: EmbeddingSpace, confirmer: PairConfirmer, distinct: DistinctPairs = DistinctPairs(),
                progress: any ProgressReporter = SilentProgress(), cancellation: CancellationToken? = nil) -> [DuplicateGroup] {
        let candidates = space.index.neighborPairs(k: configuration.neighbours, within: configuration.candidateCosine).filter { pair in
            !distinct.contains(space.images[pair.i].contentHash, space.images[pair.j].contentHash)
        }
        let confirmed = confirmer.confirm(candidates, progress: progress, cancellation: cancellation)
        // Copies first; then other shots of one scene, among the images no copy group took.
        let copies = StarGrouping.groups(count: space.images.count, links: confirmed.filter { $0.tier != .sameScene }.map { (i: $0.i, j: $0.j) })
        let taken = Set(copies.joined())
        let scenes = StarGrouping.groups(count: space.images.count, links: confirmed.filter { pair in
            pair.tier == .sameScene && !taken.contains(pair.i) && !taken.contains(pair.j)
        }.map { (i: $0.i, j: $0.j) })
        let grouped = copies + scenes
        let keepers = KeeperChoice.keepers(grouped, copyGroups: copies.count, images: space.images, policy: keeper, signals: confirmer.signals,
                                                vector: space.index.vector(at:))
        // The evidence of each confirmed pair, to show every member against the centre that confirmed it.
        var evidence: [Int: [Int: ConfirmedPair]] = [:]
        for pair in confirmed where evidence[pair.i]?[pair.j] == nil {
            evidence[pair.i, default: [:]][pair.j] = pair
            evidence[pair.j, default: [:]][pair.i] = pair
        }
        return zip(grouped, keepers).enumerated().map { number, element in
            let (members, choice) = element
            let (keeper, reason) = (choice.index, choice.reason)
            let centre = members[0]
            let centrePath = space.images[centre].path
            let keeperIndex = members[keeper]
            func line(_ index: Int) -> DuplicateMember {
                let path = space.images[index].path
                if index == centre {
                    guard index != keeperIndex else { return DuplicateMember(path: path, similarity: 1, hashDistance: 0) }
                    // The centre, when another image is kept, shows the pair that joined it to the keeper.
                    let pair = evidence[centre]![keeperIndex]!
                    return DuplicateMember(path: path, similarity: pair.score, hashDistance: pair.hashDistance, inliers: pair.inliers, tier: pair.tier)
                }
                // StarGrouping links every member to its centre by a confirmed pair.
                let pair = evidence[centre]![index]!
                return DuplicateMember(path: path, similarity: pair.score, hashDistance: pair.hashDistance, inliers: pair.inliers,
                                       confirmedBy: centrePath, tier: pair.tier)
            }
            let contents = Set(members.map { space.images[$0].contentHash })
            let tier: DuplicateTier = number >= copies.count ? .sameScene
                : contents.count == 1 && contents.first! != nil ? .identical : .samePicture
            // The keeper first, then the centre (when another image is kept), then the rest, closest to the centre first.
            let rest = members.filter { $0 != keeperIndex && $0 != centre }.map(line)
                .sorted { ($0.similarity, $1.path) > ($1.similarity, $0.path) }
            return DuplicateGroup(tier: tier, keep: space.images[keeperIndex].path, reason: reason,
                                  members: [line(keeperIndex)] + (keeperIndex == centre ? [] : [line(centre)]) + rest)
        }
    }

    /// Confirmed duplicate pairs among the given candidate pairs (positions in `space`).
    public func confirmed(_ candidates: [CandidatePair], in space: EmbeddingSpace, catalog: (any CatalogStore)? = nil,
                          progress: any ProgressReporter = SilentProgress(), cancellation: CancellationToken? = nil) throws(ImagingError) -> [ConfirmedPair] {
        try PairConfirmer(configuration: configuration, images: space.images, catalog: catalog)
            .confirm(candidates, progress: progress, cancellation: cancellation)
    }
}
