import LikenessCatalog
import LikenessCore

/// One group of near-duplicates found by a perceptual hash.
public struct HashDuplicateGroup: Sendable, Codable, Hashable {
    /// A member and its Hamming distance to the group's first member (nil when not within the radius directly).
    public struct Member: Sendable, Codable, Hashable {
        public var path: String
        public var distance: Int?
    }

    public var method: HashMethod
    public var members: [Member]
}

/// Groups catalogued images whose perceptual hashes lie within a Hamming radius (union-find over pairs).
public struct NearDuplicateFinder: Sendable {
    public let catalog: Catalog
    public let workers: Int

    public init(catalog: Catalog, workers: Int = 1) {
        self.catalog = catalog
        self.workers = workers
    }

    /// The default radius for a method: 10 % of its bits, rounded down.
    public static func defaultRadius(for method: HashMethod) -> Int {
        method.makeHasher().bitCount / 10
    }

    /// Groups among images under `roots` (all when nil) that already have a stored `method` hash.
    public func groups(method: HashMethod, radius: Int, under roots: [String]? = nil) throws(CatalogError) -> [HashDuplicateGroup] {
        let stored = try catalog.hashes(method)
        let images = try catalog.usableImages(under: roots).filter { stored[$0.id] != nil }
        let hashes = images.map { stored[$0.id]! }
        let pairs = HammingPairs.within(radius, of: hashes, workers: workers)
        var sets = UnionFind(count: images.count)
        for pair in pairs { sets.union(pair.i, pair.j) }
        return sets.groups().map { indices in
            let first = hashes[indices[0]]
            return HashDuplicateGroup(method: method, members: indices.map { index in
                let distance = first.hammingDistance(to: hashes[index])
                return .init(path: images[index].path, distance: distance <= radius ? distance : nil)
            })
        }
    }
}
