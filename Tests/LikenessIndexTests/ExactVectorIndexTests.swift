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
    func topK(metric: VectorMetric) {
        let data = random(300, 24, seed: 1), queries = random(37, 24, seed: 2)
        var index = ExactVectorIndex(dimension: 24, metric: metric, queryTile: 8, rowTile: 64)
        index.add(data)
        let results = index.search(queries, k: 7)
        for (q, found) in results.enumerated() {
            let expected = data.indices.map { Neighbor(id: $0, score: reference(metric, queries[q], data[$0])) }
                .sorted { ExactVectorIndex.closer($0, $1, higher: metric.higherIsCloser) }.prefix(7)
            #expect(found.map(\.id) == expected.map(\.id), "query \(q)")
            #expect(zip(found, expected).allSatisfy { abs($0.score - $1.score) < 1e-4 })
        }
    }

    @Test("ties are broken by the lower id")
    func ties() {
        var index = ExactVectorIndex(dimension: 2, metric: .dot)
        index.add([[1, 0], [1, 0], [0, 1], [1, 0]])
        #expect(index.search([[1, 0]], k: 3)[0].map(\.id) == [0, 1, 3])
    }

    @Test("range search and self-pairs match brute force")
    func rangeAndPairs() {
        // Clustered data so plenty of pairs fall inside the threshold.
        var generator = SeededGenerator(seed: 5)
        let centres = random(10, 16, seed: 3)
        let data = (0..<200).map { i in centres[i % 10].map { $0 + Float.random(in: -0.2...0.2, using: &generator) } }
        var index = ExactVectorIndex(dimension: 16, metric: .cosine, queryTile: 16, rowTile: 48)
        index.add(data)
        let threshold: Float = 0.9
        let ranged = index.range(Array(data.prefix(20)), threshold: threshold)
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

    @Test func emptyIndex() {
        let index = ExactVectorIndex(dimension: 3)
        #expect(index.search([[1, 2, 3]], k: 5) == [[]])
        #expect(index.pairs(within: 0.5).isEmpty)
    }
}
