import LikenessANN
import LikenessCore
import Testing

/// FAISS's binary indexes against an exhaustive Hamming scan on seeded clustered hashes: the flat
/// kind gives the same answers, HNSW and the inverted file have their recall measured.
@Suite struct ApproximateHammingIndexTests {
    /// `count` hashes of `bits` bits around `clusters` random centres, each with 0 to `flips`
    /// random bits flipped: near-duplicates within a cluster, strangers across clusters.
    static func hashes(_ count: Int, bits: Int = 64, clusters: Int = 40, flips: Int = 10, seed: UInt64 = 11, stream: UInt64 = 0) -> [BitHash] {
        var draws = SeededRandom(seed: seed)
        let centres = (0..<clusters).map { _ in (0..<bits).map { _ in draws.next() & 1 == 1 } }
        var members = SeededRandom(seed: seed &+ 1 &+ stream &* 7_919)
        return (0..<count).map { _ in
            var bitsOf = centres[Int(members.below(UInt64(clusters)))]
            for _ in 0..<members.int(in: 0...flips) { bitsOf[Int(members.below(UInt64(bits)))].toggle() }
            return BitHash(bits: bitsOf)
        }
    }

    /// The exhaustive scan: each query's `k` closest stored hashes, ties by lower id.
    static func exactTop(_ k: Int, of queries: [BitHash], in stored: [BitHash]) -> [[ApproximateHammingIndex.Match]] {
        queries.map { query in
            let all = stored.enumerated().map { ApproximateHammingIndex.Match(id: $0.offset, distance: query.hammingDistance(to: $0.element)) }
            return Array(all.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(k))
        }
    }

    /// The exhaustive scan's pairs (i < j) within `radius`.
    static func exactPairs(within radius: Int, of stored: [BitHash]) -> [[Int]] {
        var pairs: [[Int]] = []
        for i in stored.indices { for j in (i + 1)..<stored.count where stored[i].hammingDistance(to: stored[j]) <= radius { pairs.append([i, j]) } }
        return pairs
    }

    static func recallAt10(_ kind: HammingIndexKind, stored: [BitHash], queries: [BitHash]) throws -> Double {
        var index = try ApproximateHammingIndex(bits: stored[0].count, kind: kind)
        try index.add(Array(stored[..<1_000]))
        try index.add(Array(stored[1_000...]))
        let truth = exactTop(10, of: queries, in: stored), found = try index.search(queries, k: 10)
        // Ties at the tenth distance make several top-10 lists equally right: a hit is any found
        // hash no farther than the exact tenth.
        let hits = zip(truth, found).reduce(0) { total, pair in
            let limit = pair.0.last!.distance
            return total + Swift.min(10, Set(pair.1.filter { $0.distance <= limit }.map(\.id)).count)
        }
        return Double(hits) / Double(queries.count * 10)
    }

    @Test("the flat kind answers exactly as the exhaustive Hamming scan, top k and pairs within a radius", arguments: [64, 36])
    func flatIsExact(bits: Int) throws {
        let stored = Self.hashes(1_500, bits: bits), queries = Self.hashes(50, bits: bits, stream: 1)
        var index = try ApproximateHammingIndex(bits: bits, kind: .flat)
        try index.add(Array(stored[..<700]))
        try index.add(Array(stored[700...]))
        #expect(index.count == 1_500)
        #expect(try index.search(queries, k: 10) == Self.exactTop(10, of: queries, in: stored))
        let radius = bits / 8
        let pairs = try index.pairs(within: radius)
        #expect(pairs.map { [$0.i, $0.j] } == Self.exactPairs(within: radius, of: stored))
        #expect(pairs.count > 1_500, "the radius joins many pairs, so the k-growing search is exercised: \(pairs.count)")
        #expect(pairs.allSatisfy { $0.distance == stored[$0.i].hammingDistance(to: stored[$0.j]) })
    }

    @Test("HNSW and the inverted file reach recall@10 of 0.9; probing one cell of many falls short")
    func recall() throws {
        let stored = Self.hashes(4_000, clusters: 200), queries = Self.hashes(200, clusters: 200, stream: 1)
        let hnsw = try Self.recallAt10(.hnsw(HNSWParameters(m: 16, efConstruction: 64, efSearch: 64)), stored: stored, queries: queries)
        let ivf = try Self.recallAt10(.ivf(IVFParameters(nlist: 32, nprobe: 8, trainingSize: 2_000)), stored: stored, queries: queries)
        let poor = try Self.recallAt10(.ivf(IVFParameters(nlist: 128, nprobe: 1, trainingSize: 2_000)), stored: stored, queries: queries)
        #expect(hnsw >= 0.9, "HNSW recall@10 \(hnsw)")
        #expect(ivf >= 0.9, "IVF recall@10 \(ivf)")
        #expect(poor < 0.9, "IVF with nprobe 1 of 128 recall@10 \(poor)")
    }

    @Test("the inverted file trains once it holds its training size, and answers exactly before")
    func ivfTraining() throws {
        let stored = Self.hashes(600)
        var index = try ApproximateHammingIndex(bits: 64, kind: .ivf(IVFParameters(nlist: 8, nprobe: 8, trainingSize: 500)))
        try index.add(Array(stored[..<400]))
        #expect(!index.isTrained)
        #expect(try index.search(Array(stored[..<5]), k: 3) == Self.exactTop(3, of: Array(stored[..<5]), in: Array(stored[..<400])))
        try index.add(Array(stored[400...]))
        #expect(index.isTrained && index.count == 600)
        // Every cell probed: the same answers as the scan.
        #expect(try index.pairs(within: 4).map { [$0.i, $0.j] } == Self.exactPairs(within: 4, of: stored))
    }

    @Test("a copy that adds builds its own index; the original keeps what it had")
    func copies() throws {
        let stored = Self.hashes(300)
        var original = try ApproximateHammingIndex(bits: 64, kind: .hnsw(HNSWParameters(m: 8)))
        try original.add(Array(stored[..<200]))
        var copy = original
        try copy.add(Array(stored[200...]))
        #expect(original.count == 200 && copy.count == 300)
        #expect(try original.search([stored[250]], k: 1)[0][0].id != 250)
        #expect(try copy.search([stored[250]], k: 1)[0][0].distance == 0)
    }

    @Test("hashes of another length and product quantisation are typed errors")
    func refusals() throws {
        var index = try ApproximateHammingIndex(bits: 64, kind: .flat)
        #expect(throws: ANNError.dimensionMismatch(expected: 64, actual: 32)) { try index.add(Self.hashes(3, bits: 32)) }
        #expect(index.count == 0)
        #expect(throws: ANNError.self) { _ = try HammingIndexKind(try ApproximateIndexKind(parsing: "ivfpq")) }
        #expect(try HammingIndexKind(try ApproximateIndexKind(parsing: "hnsw:m=16")) == .hnsw(HNSWParameters(m: 16)))
        #expect(throws: ANNError.self) { _ = try ApproximateHammingIndex(bits: 64, kind: .hnsw(HNSWParameters(m: 1))) }
    }
}
