import LikenessCore
@testable import LikenessIndex
import LikenessTestSupport
import Testing

@Suite struct ExactVectorIndexTests {
    func random(_ n: Int, _ d: Int, seed: UInt64) -> [[Float]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<n).map { _ in (0..<d).map { _ in Float.random(in: -1...1, using: &generator) } }
    }

    func reference(_ metric: VectorMetric, _ q: [Float], _ x: [Float]) -> Float {
        switch metric {
        case .cosine: q.cosineSimilarity(to: x)
        case .dot: zip(q, x).reduce(0) { $0 + $1.0 * $1.1 }
        case .l2: zip(q, x).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        }
    }

    @Test("top-k matches brute force for every metric, across tile boundaries", arguments: VectorMetric.allCases)
    func topK(metric: VectorMetric) throws {
        let data = random(300, 24, seed: 1), queries = random(37, 24, seed: 2)
        var index = ExactVectorIndex(dimension: 24, metric: metric, queryTile: 8, rowTile: 64)
        try index.add(data)
        let results = try index.search(queries, k: 7)
        for (q, found) in results.enumerated() {
            let expected = data.indices.map { Neighbor(id: $0, score: reference(metric, queries[q], data[$0])) }
                .sorted { metric.ranks($0, before: $1) }.prefix(7)
            #expect(found.map(\.id) == expected.map(\.id), "query \(q)")
            #expect(zip(found, expected).allSatisfy { abs($0.score - $1.score) < 1e-4 })
        }
    }

    @Test("ties are broken by the lower id")
    func ties() throws {
        var index = ExactVectorIndex(dimension: 2, metric: .dot)
        try index.add([[1, 0], [1, 0], [0, 1], [1, 0]])
        #expect(try index.search([[1, 0]], k: 3)[0].map(\.id) == [0, 1, 3])
    }

    @Test("range search and self-pairs match brute force")
    func rangeAndPairs() throws {
        // Clustered data so plenty of pairs fall inside the threshold.
        var generator = SeededGenerator(seed: 5)
        let centres = random(10, 16, seed: 3)
        let data = (0..<200).map { i in centres[i % 10].map { $0 + Float.random(in: -0.2...0.2, using: &generator) } }
        var index = ExactVectorIndex(dimension: 16, metric: .cosine, queryTile: 16, rowTile: 48)
        try index.add(data)
        let threshold: Float = 0.9
        let ranged = try index.range(Array(data.prefix(20)), threshold: threshold)
        for q in 0..<20 {
            let expected = Set(data.indices.filter { data[q].cosineSimilarity(to: data[$0]) >= threshold })
            #expect(Set(ranged[q].map(\.id)) == expected)
        }
        let pairs = index.pairs(within: threshold)
        var expectedPairs = Set<[Int]>()
        for i in data.indices { for j in (i + 1)..<data.count where data[i].cosineSimilarity(to: data[j]) >= threshold { expectedPairs.insert([i, j]) } }
        #expect(!expectedPairs.isEmpty)
        #expect(Set(pairs.map { [$0.i, $0.j] }) == expectedPairs)
    }

    @Test("each vector's k closest others within a threshold match brute force, across tiles", arguments: [1, 3, 50])
    func neighbours(k: Int) throws {
        var generator = SeededGenerator(seed: 9)
        let centres = random(6, 12, seed: 4)
        let data = (0..<150).map { i in centres[i % 6].map { $0 + Float.random(in: -0.3...0.3, using: &generator) } }
        var index = ExactVectorIndex(dimension: 12, metric: .cosine, rowTile: 40)
        try index.add(data)
        let threshold: Float = 0.8
        let found = index.neighbors(k: k, within: threshold)
        for i in data.indices {
            let expected = data.indices.filter { $0 != i }.map { Neighbor(id: $0, score: data[i].cosineSimilarity(to: data[$0])) }
                .filter { $0.score >= threshold }
                .sorted { VectorMetric.cosine.ranks($0, before: $1) }.prefix(k)
            #expect(found[i].map(\.id) == expected.map(\.id), "vector \(i)")
        }
        // Pairs: every listed neighbour once, from either end, and never more than count × k.
        let pairs = index.neighborPairs(k: k, within: threshold)
        var expectedPairs = Set<[Int]>()
        for (i, list) in found.enumerated() { for n in list { expectedPairs.insert([min(i, n.id), max(i, n.id)]) } }
        #expect(pairs.count == expectedPairs.count && Set(pairs.map { [$0.i, $0.j] }) == expectedPairs)
        #expect(pairs.allSatisfy { $0.i < $0.j && abs($0.score - data[$0.i].cosineSimilarity(to: data[$0.j])) < 1e-4 })
        #expect(pairs.count <= data.count * k)
        if k == 50 { #expect(Set(pairs.map { [$0.i, $0.j] }) == Set(index.pairs(within: threshold).map { [$0.i, $0.j] }), "a large k finds every pair") }
    }

    @Test("identical vectors: neighbours tie-break by lower id, so copies link to the same few")
    func neighbourTies() throws {
        var index = ExactVectorIndex(dimension: 2, metric: .cosine)
        try index.add(Array(repeating: [1, 1], count: 6))
        let found = index.neighbors(k: 2, within: 0.99)
        #expect(found[0].map(\.id) == [1, 2])
        #expect(found[5].map(\.id) == [0, 1])
    }

    @Test("top-k within a threshold keeps only the close ones")
    func searchWithin() throws {
        let data = random(120, 8, seed: 11), queries = random(9, 8, seed: 12)
        var index = ExactVectorIndex(dimension: 8, metric: .cosine, queryTile: 4, rowTile: 32)
        try index.add(data)
        let found = try index.search(queries, k: 5, within: 0.5)
        for (q, list) in found.enumerated() {
            let expected = data.indices.map { Neighbor(id: $0, score: queries[q].cosineSimilarity(to: data[$0])) }
                .filter { $0.score >= 0.5 }.sorted { VectorMetric.cosine.ranks($0, before: $1) }.prefix(5)
            #expect(list.map(\.id) == expected.map(\.id))
        }
        #expect(found.contains { $0.count < 5 } && found.contains { !$0.isEmpty }, "the threshold cuts some lists, not all")
    }

    @Test func emptyIndex() throws {
        let index = ExactVectorIndex(dimension: 3)
        #expect(try index.search([[1, 2, 3]], k: 5) == [[]])
        #expect(index.pairs(within: 0.5).isEmpty)
        #expect(index.neighborPairs(k: 4, within: 0.5).isEmpty)
        #expect(try index.search([[1, 2, 3]], k: 2, within: 0) == [[]])
    }
}
