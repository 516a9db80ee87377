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

    /// The hits are the top of the brute-force `ranked` list in order (values within Float
    /// rounding), each hit's score is its own vector's value, and the ids agree wherever a value is
    /// not tied within that rounding with another anywhere in the list (Spearman's values are few
    /// and often tie; BLAS and the measure break such ties by differently rounded values).
    func expectSameTop(_ hits: [Neighbor], _ ranked: [(id: Int, value: Double)], k: Int, query: [Float], stored: [[Float]],
                       metric: Metric, _ note: String) throws {
        #expect(hits.count == min(k, ranked.count), "\(note)")
        let close = { (a: Double, b: Double) in abs(a - b) <= 1e-5 * max(1, abs(b)) }
        for (position, (hit, truth)) in zip(hits, ranked).enumerated() {
            #expect(close(Double(hit.score), truth.value), "\(note): place \(position)")
            #expect(close(Double(hit.score), try metric.measure(query, stored[hit.id])), "\(note): id \(hit.id)")
            let tied = ranked.indices.contains { $0 != position && close(ranked[$0].value, truth.value) }
            if !tied { #expect(hit.id == truth.id, "\(note): place \(position)") }
        }
    }

    static let metrics: [Metric] = [.cosine, .dot, .euclidean, .squaredEuclidean, .manhattan, .chebyshev, .minkowski(p: 3), .minkowski(p: 2.5),
                                    .minkowski(p: 1), .minkowski(p: 7),
                                    .pearson, .spearman, .jaccard, .chiSquare, .emd]

    @Test("top-k is the brute-force ranking by the metric's own values, with and without a SIMD tail", arguments: metrics)
    func topK(metric: Metric) throws {
        for d in [24, 13] {
            let stored = histograms(300, d, seed: 5), queries = histograms(7, d, seed: 6)
            var index = MetricIndex(dimension: d, metric: metric)
            try index.add(Array(stored[..<100]))
            try index.add(Array(stored[100...]))
            #expect(index.count == 300)
            #expect(index.usesBLAS == (metric.indexMetric != nil || metric.isCorrelation))
            let found = try index.search(queries, k: 10)
            for (query, hits) in zip(queries, found) {
                // BLAS and the SIMD scan work in Float; the measure in Double.
                try expectSameTop(hits, try bruteForce(metric, query, stored), k: 10, query: query, stored: stored, metric: metric, "\(metric), \(d)")
            }
            // The full ranking (sorted whole rather than kept as it comes) agrees with the top-k.
            let ranked = try index.ranking(Array(queries.prefix(2)))
            #expect(ranked.allSatisfy { $0.count == 300 })
            #expect(ranked.map { Array($0.prefix(10)) } == Array(found.prefix(2)), "\(metric), \(d)")
        }
    }

    @Test("0/1 vectors: Hamming and Jaccard scans equal the brute force, tails included")
    func bits() throws {
        var generator = SeededGenerator(seed: 12)
        let stored = (0..<200).map { _ in (0..<37).map { _ in Float(Int.random(in: 0...1, using: &generator)) } }
        for metric in [Metric.hamming, .jaccard] {
            var index = MetricIndex(dimension: 37, metric: metric)
            try index.add(stored)
            let found = try index.search(Array(stored.prefix(5)), k: 8)
            for (query, hits) in zip(stored.prefix(5), found) {
                try expectSameTop(hits, try bruteForce(metric, query, stored), k: 8, query: query, stored: stored, metric: metric, "\(metric)")
            }
        }
    }

    @Test("Pearson and Spearman over BLAS leave constant vectors out of searches, rankings and pairs, and still return k")
    func constantVectors() throws {
        var stored = histograms(40, 9, seed: 21)
        stored[3] = [Float](repeating: 0.25, count: 9)
        stored[17] = [Float](repeating: 0.1, count: 9)
        for metric in [Metric.pearson, .spearman] {
            var index = MetricIndex(dimension: 9, metric: metric)
            try index.add(stored)
            let found = try index.search(Array(stored.prefix(5)), k: 38)
            #expect(found[3].isEmpty, "a constant query correlates with nothing")
            for (q, hits) in found.enumerated() where q != 3 {
                #expect(hits.count == 38 && !hits.contains { $0.id == 3 || $0.id == 17 })
                let expected = try stored.indices.filter { $0 != 3 && $0 != 17 }.map { (id: $0, value: try metric.measure(stored[q], stored[$0])) }
                    .sorted { $0.value != $1.value ? $0.value > $1.value : $0.id < $1.id }
                try expectSameTop(hits, expected, k: 38, query: stored[q], stored: stored, metric: metric, "\(metric)")
            }
            #expect(try index.ranking([stored[0]])[0].count == 38)
            #expect(!index.pairs(within: -1).contains { [3, 17].contains($0.i) || [3, 17].contains($0.j) })
            #expect(index.pairs(within: -1).count == 38 * 37 / 2)
        }
    }

    @Test("a full ranking holds every vector; a pair the metric leaves undefined is left out")
    func ranking() throws {
        var index = MetricIndex(dimension: 3, metric: .pearson)
        try index.add([[1, 2, 3], [5, 5, 5], [3, 2, 1], [1, 2, 4]])
        let ranked = try index.ranking([[2, 4, 6]])[0]
        #expect(ranked.map(\.id) == [0, 3, 2])
        // Served by BLAS in Float: exact to Float rounding, and never beyond [−1, 1].
        #expect(abs(ranked[0].score - 1) < 1e-6 && abs(ranked[2].score + 1) < 1e-6)
        #expect(ranked.allSatisfy { abs($0.score) <= 1 })
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
