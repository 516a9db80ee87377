import Foundation
import LikenessANN
import LikenessCatalog
@testable import LikenessAnalysis
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite struct HammingPairsTests {
    @Test("matches a brute-force scan on seeded random hashes, for any worker count", arguments: [1, 2, 3])
    func matchesBruteForce(workers: Int) {
        var generator = SeededGenerator(seed: 42)
        // Clusters: 20 centres, each with noisy copies, so many pairs fall inside the radius.
        var hashes: [BitHash] = []
        for _ in 0..<20 {
            let centre = (0..<64).map { _ in Bool.random(using: &generator) }
            for _ in 0..<5 {
                hashes.append(BitHash(bits: centre.map { Int.random(in: 0..<16, using: &generator) == 0 ? !$0 : $0 }))
            }
        }
        let radius = 8
        var expected: [HammingPairs.Pair] = []
        for i in 0..<hashes.count {
            for j in (i + 1)..<hashes.count {
                let d = hashes[i].hammingDistance(to: hashes[j])
                if d <= radius { expected.append(.init(i: i, j: j, distance: d)) }
            }
        }
        #expect(!expected.isEmpty)
        #expect(HammingPairs.within(radius, of: hashes, workers: workers) == expected)
    }
}

@Suite struct HammingIndexPairsTests {
    @Test("pairs of bit hashes through FAISS: every cell of the inverted file probed finds the scan's pairs, HNSW nearly all, ivfpq is refused")
    func approximatePairs() throws {
        var generator = SeededGenerator(seed: 9)
        var hashes: [BitHash] = []
        for _ in 0..<60 {
            let centre = (0..<64).map { _ in Bool.random(using: &generator) }
            for _ in 0..<8 { hashes.append(BitHash(bits: centre.map { Int.random(in: 0..<16, using: &generator) == 0 ? !$0 : $0 })) }
        }
        let radius = 10
        let exact = HammingPairs.within(radius, of: hashes).map { [$0.i, $0.j] }
        func pairs(_ text: String) throws -> [[Int]] {
            let choice = try IndexChoice(parsing: text)
            return try NearDuplicateFinder.bitPairs(hashes, within: radius, index: choice, workers: 2).map { [$0.i, $0.j] }
        }
        #expect(exact.count > 400)
        #expect(try pairs("exact") == exact)
        #expect(try pairs("ivf:nlist=8,nprobe=8,train=200") == exact)
        let graph = try pairs("hnsw:m=16")
        #expect(Set(graph).isSubset(of: Set(exact)))
        #expect(Double(graph.count) >= 0.95 * Double(exact.count), "HNSW found \(graph.count) of \(exact.count) pairs")
        #expect(throws: ANNError.self) { _ = try pairs("ivfpq") }
    }
}

@Suite struct NearDuplicateFinderTests {
    let folder = TemporaryDirectory("near-dupes")

    @Test("edited copies group with their original; unrelated images stay apart; a changed file is re-hashed")
    func groupsEditedCopies() throws {
        let photos = folder.folder("photos")
        let encoder = try ImageEncoder()
        for seed in 1...4 {
            let original = Fixtures.pattern(width: 240, height: 180, seed: UInt64(seed))
            try encoder.write(original, to: folder.child("photos/\(seed)-original.png"))
            try encoder.write(original, to: folder.child("photos/\(seed)-q80.jpg") + "[Q=80]")
            try encoder.write(try ImageEditor().resized(original, to: .fit(width: 120, height: 90)), to: folder.child("photos/\(seed)-half.png"))
        }
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        let filled = try HashIndexer(catalog: catalog).fill([.pHash, .dHash])
        #expect(filled.hashed == 12 && filled.skipped.isEmpty)
        #expect(try catalog.hashes(.pHash).count == 12)
        #expect(try HashIndexer(catalog: catalog).fill([.pHash]).hashed == 0, "stored hashes are reused")

        let groups = try NearDuplicateFinder(catalog: catalog).groups(method: .bits(.pHash), threshold: 6).groups
        let names = groups.map { $0.members.map { ($0.path as NSString).lastPathComponent }.sorted() }.sorted { $0[0] < $1[0] }
        #expect(names == (1...4).map { ["\($0)-half.png", "\($0)-original.png", "\($0)-q80.jpg"] })
        // The same groups through FAISS's binary HNSW graph, which the result names.
        let hnsw = IndexChoice.approximate(.hnsw(HNSWParameters()))
        let throughGraph = try NearDuplicateFinder(catalog: catalog, index: hnsw).groups(method: .bits(.pHash), threshold: 6)
        #expect(throughGraph.groups == groups && throughGraph.index == hnsw)
        #expect(try NearDuplicateFinder(catalog: catalog, index: .auto).groups(method: .bits(.pHash), threshold: 6).index == .exact)

        // Replace one file's content: the scan re-reads it and its stale hash is dropped.
        try encoder.write(Fixtures.pattern(width: 240, height: 180, seed: 99), to: folder.child("photos/1-half.png"))
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        #expect(try catalog.hashes(.pHash).count == 11)
        #expect(try HashIndexer(catalog: catalog).fill([.pHash]).hashed == 1)
        let after = try NearDuplicateFinder(catalog: catalog).groups(method: .bits(.pHash), threshold: 6).groups
        #expect(!after.contains { $0.members.contains { $0.path.hasSuffix("1-half.png") } })
    }

    @Test("continuous hashes: stored once, then grouping by colour moments finds the edited copies")
    func groupsByFeatures() throws {
        let photos = folder.folder("features")
        let encoder = try ImageEncoder()
        for seed in 1...3 {
            let original = Fixtures.pattern(width: 240, height: 180, seed: UInt64(seed))
            try encoder.write(original, to: folder.child("features/\(seed)-original.png"))
            try encoder.write(original, to: folder.child("features/\(seed)-q90.jpg") + "[Q=90]")
        }
        let catalog = try Catalog(path: folder.child("f.sqlite"))
        _ = try CatalogScanner(catalog: catalog).scan([photos])
        let methods: [PerceptualMethod] = [.features(.colorMoments), .features(.radialVariance), .bits(.pHash)]
        #expect(try HashIndexer(catalog: catalog).fill(methods).hashed == 6)
        #expect(try catalog.features(.colorMoments).count == 6)
        #expect(try catalog.features(.radialVariance).values.allSatisfy { $0.values.count == 40 })
        #expect(try HashIndexer(catalog: catalog).fill(methods).hashed == 0, "stored values are reused")

        let groups = try NearDuplicateFinder(catalog: catalog, workers: 2)
            .groups(method: .features(.colorMoments), threshold: FeatureMethod.colorMoments.defaultThreshold).groups
        let names = groups.map { $0.members.map { ($0.path as NSString).lastPathComponent }.sorted() }.sorted { $0[0] < $1[0] }
        #expect(names == (1...3).map { ["\($0)-original.png", "\($0)-q90.jpg"] })
        #expect(throws: ANNError.self) {
            _ = try NearDuplicateFinder(catalog: catalog, index: .approximate(.hnsw(HNSWParameters())))
                .groups(method: .features(.colorMoments), threshold: FeatureMethod.colorMoments.defaultThreshold)
        }
        #expect(groups.allSatisfy { $0.method == .features(.colorMoments) && $0.members[0].distance == 0 })
        // Each pair of two members is the edge that joined them, with its distance.
        for group in groups {
            #expect(group.pairs.count == 1)
            #expect(Set([group.pairs[0].a, group.pairs[0].b]) == Set(group.members.map(\.path)))
            #expect(group.pairs[0].distance == group.members[1].distance)
        }
    }
}

@Suite struct FeaturePairsTests {
    @Test("matches a brute-force scan for both distances, for any worker count", arguments: [1, 2, 3])
    func matchesBruteForce(workers: Int) {
        var generator = SeededGenerator(seed: 7)
        for method in FeatureMethod.allCases {
            let length = method == .radialVariance ? 40 : 42
            var features: [FeatureHash] = []
            for _ in 0..<12 {
                let centre = (0..<length).map { _ in Double.random(in: 0...1, using: &generator) }
                for _ in 0..<3 { features.append(FeatureHash(method: method, values: centre.map { $0 + Double.random(in: -0.02...0.02, using: &generator) })) }
            }
            let distances = (0..<features.count).flatMap { i in ((i + 1)..<features.count).map { j in features[i].distance(to: features[j]) } }
            let threshold = distances.sorted()[distances.count / 20]
            var expected: [FeaturePairs.Pair] = []
            for i in 0..<features.count {
                for j in (i + 1)..<features.count where features[i].distance(to: features[j]) <= threshold {
                    expected.append(.init(i: i, j: j, distance: features[i].distance(to: features[j])))
                }
            }
            #expect(expected.count > 10)
            #expect(FeaturePairs.within(threshold, of: features, workers: workers) == expected, "\(method.rawValue)")
        }
    }
}
