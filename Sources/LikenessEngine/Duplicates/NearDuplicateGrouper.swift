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
}

/// A group of near-duplicates with the copy to keep and why.
public struct DuplicateGroup: Sendable, Codable, Hashable {
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
    public func groups(in space: EmbeddingSpace, catalog: Catalog? = nil, progress: any ProgressReporter = SilentProgress(),
                       cancellation: CancellationToken? = nil) throws(ImagingError) -> [DuplicateGroup] {
        try groups(in: space, confirmer: PairConfirmer(configuration: configuration, images: space.images, catalog: catalog), progress: progress,
                   cancellation: cancellation)
    }

    func groups(in space: EmbeddingSpace, confirmer: PairConfirmer, progress: any ProgressReporter = SilentProgress(),
                cancellation: CancellationToken? = nil) -> [DuplicateGroup] {
        let candidates = space.index.neighborPairs(k: configuration.neighbours, within: configuration.candidateCosine)
        let confirmed = confirmer.confirm(candidates, progress: progress, cancellation: cancellation)
        let grouped = StarGrouping.groups(count: space.images.count, links: confirmed.map { (i: $0.i, j: $0.j) })
        let keepers = KeeperChoice.keepers(grouped, images: space.images, policy: keeper, signals: confirmer.signals)
        // The evidence of each confirmed pair, to show every member against the centre that confirmed it.
        var evidence: [Int: [Int: ConfirmedPair]] = [:]
        for pair in confirmed where evidence[pair.i]?[pair.j] == nil {
            evidence[pair.i, default: [:]][pair.j] = pair
            evidence[pair.j, default: [:]][pair.i] = pair
        }
        return zip(grouped, keepers).map { members, choice in
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
                    return DuplicateMember(path: path, similarity: pair.score, hashDistance: pair.hashDistance, inliers: pair.inliers)
                }
                // StarGrouping links every member to its centre by a confirmed pair.
                let pair = evidence[centre]![index]!
                return DuplicateMember(path: path, similarity: pair.score, hashDistance: pair.hashDistance, inliers: pair.inliers,
                                       confirmedBy: centrePath)
            }
            // The keeper first, then the centre (when another image is kept), then the rest, closest to the centre first.
            let rest = members.filter { $0 != keeperIndex && $0 != centre }.map(line)
                .sorted { ($0.similarity, $1.path) > ($1.similarity, $0.path) }
            return DuplicateGroup(keep: space.images[keeperIndex].path, reason: reason,
                                  members: [line(keeperIndex)] + (keeperIndex == centre ? [] : [line(centre)]) + rest)
        }
    }

    /// Confirmed duplicate pairs among the given candidate pairs (positions in `space`).
    public func confirmed(_ candidates: [CandidatePair], in space: EmbeddingSpace, catalog: Catalog? = nil,
                          progress: any ProgressReporter = SilentProgress(), cancellation: CancellationToken? = nil) throws(ImagingError) -> [ConfirmedPair] {
        try PairConfirmer(configuration: configuration, images: space.images, catalog: catalog)
            .confirm(candidates, progress: progress, cancellation: cancellation)
    }
}
