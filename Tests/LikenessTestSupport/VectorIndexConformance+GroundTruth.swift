import LikenessCore
import Testing

extension VectorIndexConformance {
    /// Seeded random data against brute force, at every size and query count: every operation,
    /// unbounded and with thresholds that keep about a third of the scores.
    func groundTruth(_ metric: VectorMetric) throws {
        var tallies: [Operation: Tally] = [:]
        for size in sizes {
            let data = random(size, seed: seed &* 1_000 &+ UInt64(size))
            let index = try index(metric, holding: data)
            let truth = BruteForceNeighbors(metric: metric, vectors: data)
            try compareQueries(index, truth, size: size, &tallies)
            compareSelf(index, truth, size: size, &tallies)
        }
        expectRecall(tallies, "\(metric)")
        if expectation == .exact {
            let all = tallies.values
            // The comparisons were not vacuous: ids were compared exactly, thresholds cut lists.
            #expect(all.contains { $0.strictPositions > 0 } && all.contains { $0.strictLists > 0 }, "\(metric): nothing compared exactly")
            #expect(tallies[.searchWithin, default: Tally()].cutByThreshold > 0, "\(metric): no threshold cut a list")
            #expect(tallies[.pairs, default: Tally()].expected > 0, "\(metric): no pair within the threshold")
        }
    }

    /// Top-k, top-k within a threshold and range, for batches of queries.
    private func compareQueries(_ index: any VectorIndex, _ truth: BruteForceNeighbors, size: Int, _ tallies: inout [Operation: Tally]) throws {
        for queryCount in queryCounts {
            let queries = random(queryCount, seed: seed &* 2_000 &+ UInt64(size * 1_000 + queryCount))
            let ranked = queries.map(truth.ranked)
            let threshold = truth.threshold(keeping: 0.3, of: ranked.flatMap { $0.map(\.score) })
            let label = "\(truth.metric), \(size) vectors, \(queryCount) queries"
            for k in [1, 5, size + 2] {
                let top = try index.search(queries, k: k)
                let within = try index.search(queries, k: k, within: threshold)
                #expect(top.count == queryCount && within.count == queryCount, "\(label): one list per query")
                for q in queries.indices {
                    verify(top[q], ranked[q], truth: truth, k: k, within: truth.metric.unboundedThreshold,
                           "\(label): search k \(k), query \(q)", &tallies[.search, default: Tally()])
                    verify(within[q], ranked[q], truth: truth, k: k, within: threshold,
                           "\(label): search k \(k) within \(threshold), query \(q)", &tallies[.searchWithin, default: Tally()])
                }
            }
            let ranges = try index.range(queries, threshold: threshold)
            #expect(ranges.count == queryCount, "\(label): one range per query")
            for (q, found) in ranges.enumerated() {
                verify(found, ranked[q], truth: truth, k: .max, within: threshold, "\(label): range \(threshold), query \(q)",
                       &tallies[.range, default: Tally()])
            }
        }
    }

    /// Neighbours, pairs and neighbour pairs among the stored vectors.
    private func compareSelf(_ index: any VectorIndex, _ truth: BruteForceNeighbors, size: Int, _ tallies: inout [Operation: Tally]) {
        let ranked = (0..<size).map { truth.ranked(neighborsOf: $0) }
        let threshold = truth.threshold(keeping: 0.2, of: truth.allPairs().map(\.score))
        let label = "\(truth.metric), \(size) vectors"
        for k in [1, 4, size + 1] {
            for within in [truth.metric.unboundedThreshold, threshold] {
                let lists = index.neighbors(k: k, within: within)
                #expect(lists.count == size, "\(label): one neighbour list per vector")
                guard lists.count == size else { continue }
                for i in 0..<size {
                    verify(lists[i], ranked[i], truth: truth, k: k, within: within, "\(label): neighbors k \(k) within \(within), vector \(i)",
                           &tallies[.neighbors, default: Tally()])
                }
                verifyNeighborPairs(index.neighborPairs(k: k, within: within), lists: lists, ranked: ranked, truth: truth, k: k, within: within,
                                    "\(label): neighborPairs k \(k) within \(within)", &tallies[.neighborPairs, default: Tally()])
            }
        }
        for within in [truth.metric.unboundedThreshold, threshold] {
            verifyPairs(index.pairs(within: within), truth: truth, within: within, "\(label): pairs within \(within)",
                        &tallies[.pairs, default: Tally()])
        }
    }

    /// Ids continue across batches (an empty batch included), and every stored vector reads back:
    /// as added for dot and L2, normalised for cosine.
    func addAndLookup(_ metric: VectorMetric) throws {
        let batches = [random(3, seed: seed &+ 31), [], random(17, seed: seed &+ 32), random(1, seed: seed &+ 33)]
        var index = make(dimension, metric)
        var added: [[Float]] = []
        for batch in batches {
            try index.add(batch)
            added += batch
            #expect(index.count == added.count, "\(metric): count after adding \(batch.count)")
        }
        let truth = BruteForceNeighbors(metric: metric, vectors: added)
        for (id, vector) in added.enumerated() {
            let stored = index.vector(at: id)
            #expect(stored.count == dimension, "\(metric): vector \(id) has \(stored.count) values")
            guard expectation == .exact else { continue }
            let norm = metric == .cosine ? vector.reduce(0) { $0 + $1 * $1 }.squareRoot() : 1
            let expected = vector.map { $0 / norm }
            #expect(zip(stored, expected).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(metric): vector \(id) reads back \(stored), added \(vector)")
        }
        // Search after several batches agrees with brute force over everything added.
        var tally = Tally()
        let found = try index.search(added, k: 3)
        for (q, list) in found.enumerated() {
            verify(list, truth.ranked(added[q]), truth: truth, k: 3, within: metric.unboundedThreshold, "\(metric): after batches, query \(q)", &tally)
        }
        expectRecall([.search: tally], "\(metric) after batches")
    }
}
