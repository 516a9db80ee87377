import LikenessANN
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
///
/// Pairs of bit hashes come from the exhaustive Hamming scan (``HammingPairs``), or, with an
/// approximate ``index``, from a FAISS binary index of the same kind (``ApproximateHammingIndex``:
/// HNSW or an inverted file), each hash searched for its neighbours within the threshold.
public struct NearDuplicateFinder: Sendable {
    public let catalog: any CatalogStore
    public let workers: Int
    /// Which index finds the pairs of bit hashes: exact (the scan) by default; `auto` takes a binary
    /// inverted file from ``IndexChoice/autoExactBelow`` hashes, as for embeddings (its recall on
    /// hashes at that size is not measured). Continuous hashes are always scanned exactly.
    public let index: IndexChoice

    public init(catalog: any CatalogStore, workers: Int = 1, index: IndexChoice = .exact) {
        self.catalog = catalog
        self.workers = workers
        self.index = index
    }

    /// Groups among images under `roots` (all when nil) that already have a stored value of `method`.
    ///
    /// - Parameter threshold: the largest distance joining two images: Hamming bits for bit hashes
    ///   (fractions are rounded down), the method's own distance for continuous hashes.
    /// Catalogued images whose file changed or vanished since the last scan are left out and listed
    /// in `stale`. Pairs in `distinct` (a person said they are not duplicates) are never joined.
    /// `index` is the index that found the pairs (what `auto` chose).
    /// - Throws: ``CatalogError``; ``ANNError`` when the approximate index cannot hold these hashes
    ///   (`ivfpq`, or an approximate index asked for a continuous hash).
    public func groups(method: PerceptualMethod, threshold: Double, under roots: [String]? = nil,
                       distinct: DistinctPairs = DistinctPairs()) throws -> (groups: [HashDuplicateGroup], stale: [ScannedFailure], index: IndexChoice) {
        let stored = try catalog.perceptualValues(method)
        let (images, stale) = CatalogFreshness.split(try catalog.usableImages(under: roots).filter { stored[$0.id] != nil })
        let values = images.map { stored[$0.id]! }
        var pairs: [(i: Int, j: Int, distance: Double)]
        let used = index.resolved(count: values.count)
        switch method {
        case .bits:
            let hashes = values.map { if case .bits(let hash) = $0 { hash } else { preconditionFailure() } }
            pairs = try Self.bitPairs(hashes, within: Int(threshold.rounded(.down)), index: used, workers: workers)
        case .features:
            if case .approximate(let kind) = used {
                throw ANNError.invalidParameter(name: "index", value: kind.text,
                                                reason: "\(method.name) is a continuous hash, compared exactly; approximate indexes serve bit hashes and embeddings")
            }
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
        return (groups, stale, used)
    }

    /// Pairs (i < j, ordered) of bit hashes within `radius` bits: the exhaustive scan, or the pairs a
    /// FAISS binary index of the approximate kind finds.
    static func bitPairs(_ hashes: [BitHash], within radius: Int, index: IndexChoice, workers: Int) throws -> [(i: Int, j: Int, distance: Double)] {
        guard case .approximate(let kind) = index, hashes.count > 1 else {
            return HammingPairs.within(radius, of: hashes, workers: workers).map { ($0.i, $0.j, Double($0.distance)) }
        }
        ApproximateVectorIndex.setThreads(workers)
        var binary = try ApproximateHammingIndex(bits: hashes[0].count, kind: HammingIndexKind(kind))
        try binary.add(hashes)
        return try binary.pairs(within: radius).map { ($0.i, $0.j, Double($0.distance)) }
    }
}
