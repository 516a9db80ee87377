import LikenessCore
import LikenessIndex
import LikenessTestSupport
import Testing

@Suite struct MetricIndexTests {
    /// Non-negative rows of unit mass, so every metric but Hamming takes them.
    func histograms(_ n: Int, _ d: Int, seed: UInt64) -> [[Float]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<n).map { _ in
            let raw = (0..<d).map { _ in Float.random(in: 0...1, using: &generator) }
            let total = raw.reduce(0, +)
            return raw.map { $0 / total }
        }
    }

    /// Brute force: every stored vector by `Metric.measure`, closest first, ties by lower id.
    func bruteForce(_ metric: Metric, _ query: [Float], _ stored: [[Float]]) throws -> [(id: Int, value: Double)] {
        let scored = try stored.indices.map { (id: $0, value: try metric.measure(query, stored[$0])) }
        return scored.sorted { $0.value != $1.value ? metric.closer($0.value, than: $1.value) : $0.id < $1.id }
    }

    static let metrics: [Metric] = [.cosine, .dot, .euclidean, .squaredEuclidean, .manhattan, .chebyshev, .minkowski(p: 3),
                                    .pearson, .spearman, .jaccard, .chiSquare, .emd]

    @Test("top-k is the brute-force ranking by the metric's own values", arguments: metrics)
    func topK(metric: Metric) throws {
        let stored = histograms(300, 24, seed: 5), queries = histograms(7, 24, seed: 6)
        var index = MetricIndex(dimension: 24, metric: metric)
        try index.add(Array(stored[..<100]))
        try index.add(Array(stored[100...]))
        #expect(index.count == 300)
        #expect(index.usesBLAS == (metric.indexMetric != nil))
        let found = try index.search(queries, k: 10)
        for (query, hits) in zip(queries, found) {
            let expected = try bruteForce(metric, query, stored).prefix(10)
            #expect(hits.map(\.id) == expected.map(\.id), "\(metric)")
            for (hit, truth) in zip(hits, expected) {
                // BLAS works in Float; the scan in Double and rounds once.
                #expect(abs(Double(hit.score) - truth.value) <= 1e-4 * max(1, abs(truth.value)), "\(metric)")
            }
        }
    }

    @Test("a full ranking holds every vector; a pair the metric leaves undefined is left out")
    func ranking() throws {
        var index = MetricIndex(dimension: 3, metric: .pearson)
        try index.add([[1, 2, 3], [5, 5, 5], [3, 2, 1], [1, 2, 4]])
        let ranked = try index.ranking([[2, 4, 6]])[0]
        #expect(ranked.map(\.id) == [0, 3, 2])
        #expect(ranked[0].score == 1 && ranked[2].score == -1)
        // A constant query correlates with nothing.
        #expect(try index.ranking([[7, 7, 7]])[0].isEmpty)
    }

    @Test("vectors outside the metric's domain are refused whole, naming the vector")
    func refusals() throws {
        var jaccard = MetricIndex(dimension: 2, metric: .jaccard)
        #expect(throws: MetricError.inVector(1, .negativeValue(.jaccard, position: 0, value: -1))) { try jaccard.add([[1, 0], [-1, 2]]) }
        #expect(jaccard.count == 0)
        var emd = MetricIndex(dimension: 2, metric: .emd)
        try emd.add([[0.5, 0.5]])
        #expect(throws: MetricError.inVector(0, .unequalMass(2, 1))) { try emd.add([[1, 1]]) }
        #expect(throws: MetricError.inVector(0, .unequalMass(3, 1))) { try emd.search([[1, 2]], k: 1) }
        var manhattan = MetricIndex(dimension: 2, metric: .manhattan)
        #expect(throws: MetricError.inVector(0, .unequalLengths(3, 2))) { try manhattan.add([[1, 2, 3]]) }
        var cosine = MetricIndex(dimension: 2, metric: .cosine)
        #expect(throws: MetricError.self) { try cosine.add([[.nan, 1]]) }
    }

    @Test("pairs within a threshold are the brute-force pairs, for scanned and BLAS metrics alike",
          arguments: [(Metric.manhattan, 0.6), (.cosine, 0.92), (.squaredEuclidean, 0.02), (.spearman, 0.3)])
    func pairs(metric: Metric, threshold: Double) throws {
        let stored = histograms(80, 12, seed: 9)
        var index = MetricIndex(dimension: 12, metric: metric)
        try index.add(stored)
        let found = index.pairs(within: threshold)
        var expected: [(Int, Int)] = []
        var nearThreshold = 0
        for i in stored.indices {
            for j in (i + 1)..<stored.count {
                let value = try metric.measure(stored[i], stored[j])
                if abs(value - threshold) < 1e-5 { nearThreshold += 1 }
                if metric.higherIsCloser ? value >= threshold : value <= threshold { expected.append((i, j)) }
            }
        }
        #expect(nearThreshold == 0, "a pair this close to the threshold could fall either way in Float")
        #expect(!expected.isEmpty && expected.count < stored.count * (stored.count - 1) / 2, "the threshold should split the pairs")
        #expect(found.map { [$0.i, $0.j] } == expected.map { [$0.0, $0.1] })
    }
}
