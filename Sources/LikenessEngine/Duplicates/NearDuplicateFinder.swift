import LikenessCatalog
import LikenessAnalysis
import LikenessCore

/// One group of near-duplicates found by a perceptual hash.
public struct HashDuplicateGroup: Sendable, Codable, Hashable {
    /// A member and its distance to the group's first member (nil when not within the threshold directly).
    public struct Member: Sendable, Codable, Hashable {
        public var path: String
        public var distance: Double?
    }

    /// Two members within the threshold of each other: the edges that joined the group.
    public struct Pair: Sendable, Codable, Hashable {
        public var a: String
        public var b: String
        public var distance: Double
    }

    public var method: PerceptualMethod
    public var members: [Member]
    /// Every pair of members within the threshold, in scan order.
    public var pairs: [Pair]
}

/// Groups catalogued images whose perceptual hashes lie within a distance, around centres (``StarGrouping``).
public struct NearDuplicateFinder: Sendable {
    public let catalog: any CatalogStore
    public let workers: Int

    public init(catalog: any CatalogStore, workers: Int = 1) {
        self.catalog = catalog
        self.workers = workers
    }

    /// Groups among images under `roots` (all when nil) that already have a stored value of `method`.
    ///
    /// - Parameter threshold: the largest distance joining two images: Hamming bits for bit hashes
    ///   (fractions are rounded down), the method's own distance for continuous hashes.
    /// Catalogued images whose file changed or vanished since the last scan are left out and listed
    /// in `stale`. Pairs in `distinct` (a person said they are not duplicates) are never joined.
    public func groups(method: PerceptualMethod, threshold: Double, under roots: [String]? = nil,
                       distinct: DistinctPairs = DistinctPairs()) throws(CatalogError) -> (groups: [HashDuplicateGroup], stale: [ScannedFailure]) {
        let stored = try catalog.perceptualValues(method)
        let (images, stale) = CatalogFreshness.split(try catalog.usableImages(under: roots).filter { stored[$0.id] != nil })
        let values = images.map { stored[$0.id]! }
        var pairs: [(i: Int, j: Int, distance: Double)]
        switch method {
        case .bits:
            let hashes = values.map { if case .bits(let hash) = $0 { hash } else { preconditionFailure() } }
            pairs = HammingPairs.within(Int(threshold.rounded(.down)), of: hashes, workers: workers).map { ($0.i, $0.j, Double($0.distance)) }
        case .features:
            let features = values.map { if case .features(let feature) = $0 { feature } else { preconditionFailure() } }
            pairs = FeaturePairs.within(threshold, of: features, workers: workers).map { ($0.i, $0.j, $0.distance) }
        }
        pairs.removeAll { distinct.contains(images[$0.i].contentHash, images[$0.j].contentHash) }
        // Around centres, as the default rule groups: every member is within the threshold of the first.
        let members = StarGrouping.groups(count: images.count, links: pairs.map { ($0.i, $0.j) })
        var groupOf: [Int: Int] = [:]
        for (number, indices) in members.enumerated() { for index in indices { groupOf[index] = number } }
        var edges = [[HashDuplicateGroup.Pair]](repeating: [], count: members.count)
        for pair in pairs {
            guard let group = groupOf[pair.i], groupOf[pair.j] == group else { continue }
            edges[group].append(.init(a: images[pair.i].path, b: images[pair.j].path, distance: pair.distance))
        }
        let groups = zip(members, edges).map { indices, pairs in
            let first = values[indices[0]]
            return HashDuplicateGroup(method: method, members: indices.map { index in
                let distance = first.distance(to: values[index])
                return .init(path: images[index].path, distance: distance <= threshold ? distance : nil)
            }, pairs: pairs)
        }
        return (groups, stale)
    }
}
