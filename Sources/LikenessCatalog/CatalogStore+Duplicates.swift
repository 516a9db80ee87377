import Foundation
import LikenessCore

extension CatalogStore {
    /// Groups of present files that share a SHA-256, largest groups first, then by first path.
    ///
    /// - Parameter roots: when given, only files at or below these absolute folders take part.
    public func exactDuplicateGroups(under roots: [String]? = nil) throws(CatalogError) -> [ExactDuplicateGroup] {
        var groups: [ExactDuplicateGroup] = []
        for image in Catalog.images(try imagesSharingContent(), under: roots) {
            guard let hash = image.contentHash else { continue }
            if groups.last?.contentHash == hash {
                groups[groups.count - 1].members.append(image)
            } else {
                groups.append(ExactDuplicateGroup(contentHash: hash, members: [image]))
            }
        }
        return groups
            .filter { $0.members.count > 1 }
            .sorted { ($0.members.count, $1.members[0].path) > ($1.members.count, $0.members[0].path) }
    }

    /// Records that each pair of images is not a duplicate (both are kept), replacing an older
    /// record of the same pair. Images are identified by content, so they must have been scanned;
    /// a pair with an unread file is left out.
    public func recordDistinct(_ pairs: [(CatalogImage, CatalogImage)], at time: Date = Date()) throws(CatalogError) {
        let decisions: [PairDecision] = pairs.compactMap { a, b in
            guard let ha = a.contentHash, let hb = b.contentHash else { return nil }
            let pair = DistinctPairs.Pair(ha, hb)
            let (first, second) = pair.first == ha ? (a.path, b.path) : (b.path, a.path)
            return PairDecision(pair: pair, firstPath: first, secondPath: second, decidedAt: time.timeIntervalSince1970)
        }
        try storeDecisions(decisions)
    }

    /// Every pair decided "not duplicates", for the grouping rules.
    public func distinctPairs() throws(CatalogError) -> DistinctPairs {
        DistinctPairs(try decisions().map(\.pair))
    }
}
