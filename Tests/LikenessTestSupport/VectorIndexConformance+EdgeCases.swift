import LikenessCore
import Testing

extension VectorIndexConformance {
    /// Equal scores come in order of id: in top-k (also at the k cut), range and neighbours.
    ///
    /// The vectors are few patterns repeated, with components whose products, sums and
    /// normalisation are exact in Float, so equal scores are equal to the bit whatever the tiling.
    func ties(_ metric: VectorMetric) throws {
        let patterns: [[Float]] = [[1, -1, 1, -1], [1, 1, 1, 1], [1, 0, 0, 0], [1, 1, 1, 1], [2, 2, 2, 2], [1, 1, 1, 1], [1, -1, 1, -1], [1, 0, 0, 0], [1, 1, 1, 1]]
        let data = (0..<70).map { patterns[$0 % patterns.count] }
        let index = try index(metric, dimension: 4, holding: data)
        let truth = BruteForceNeighbors(metric: metric, vectors: data)
        let queries = [patterns[0], patterns[1], patterns[2]]
        for k in [1, 3, 8, 70] {
            let found = try index.search(queries, k: k)
            for (q, query) in queries.enumerated() {
                let expected = truth.ranked(query).prefix(k).map(\.id)
                #expect(found[q].map(\.id) == expected, "\(metric): top \(k) of pattern \(q)")
            }
        }
        // A threshold equal to a score keeps that score: "within" includes the boundary.
        for (q, query) in queries.enumerated() {
            let boundary = truth.score(query, query)
            let expected = truth.ranked(query).filter { truth.accepts($0.score, within: boundary) }.map(\.id)
            #expect(expected.count > 1, "the data has ties")
            #expect(try index.range([query], threshold: Float(boundary))[0].map(\.id) == expected, "\(metric): range of pattern \(q)")
            #expect(try index.search([query], k: 5, within: Float(boundary))[0].map(\.id) == Array(expected.prefix(5)),
                    "\(metric): top 5 within \(boundary) of pattern \(q)")
        }
        let lists = index.neighbors(k: 3, within: metric.unboundedThreshold)
        for i in data.indices {
            #expect(lists[i].map(\.id) == truth.ranked(neighborsOf: i).prefix(3).map(\.id), "\(metric): neighbours of \(i)")
        }
    }

    /// An empty index: one empty list per query, no neighbours, no pairs.
    func emptyIndex(_ metric: VectorMetric) throws {
        let index = make(dimension, metric)
        let queries = random(3, seed: seed &+ 41)
        #expect(index.count == 0 && index.dimension == dimension)
        #expect(try index.search(queries, k: 5) == [[], [], []], "\(metric)")
        #expect(try index.search(queries, k: 5, within: metric.unboundedThreshold) == [[], [], []], "\(metric)")
        #expect(try index.range(queries, threshold: metric.unboundedThreshold) == [[], [], []], "\(metric)")
        #expect(try index.search([], k: 5).isEmpty, "\(metric): no queries, no lists")
        #expect(index.neighbors(k: 3, within: metric.unboundedThreshold).isEmpty, "\(metric)")
        #expect(index.pairs(within: metric.unboundedThreshold).isEmpty, "\(metric)")
        #expect(index.neighborPairs(k: 3, within: metric.unboundedThreshold).isEmpty, "\(metric)")
    }

    /// `k` above the count lists every vector (every other, for neighbours); `k` ≤ 0 none.
    func kBeyondCount(_ metric: VectorMetric) throws {
        let data = random(5, seed: seed &+ 51), queries = random(4, seed: seed &+ 52)
        let index = try index(metric, holding: data)
        let truth = BruteForceNeighbors(metric: metric, vectors: data)
        let unbounded = metric.unboundedThreshold
        var tally = Tally(), neighbourTally = Tally()
        for (q, list) in try index.search(queries, k: 50).enumerated() {
            verify(list, truth.ranked(queries[q]), truth: truth, k: 50, within: unbounded, "\(metric): k 50 of 5, query \(q)", &tally)
            if expectation == .exact { #expect(list.count == 5, "\(metric): every vector listed") }
        }
        for (i, list) in index.neighbors(k: 50, within: unbounded).enumerated() {
            verify(list, truth.ranked(neighborsOf: i), truth: truth, k: 50, within: unbounded, "\(metric): neighbours k 50 of 5, vector \(i)", &neighbourTally)
            if expectation == .exact { #expect(list.count == 4, "\(metric): every other vector listed") }
        }
        expectRecall([.search: tally, .neighbors: neighbourTally], "\(metric) k beyond count")
        for k in [0, -1] {
            #expect(try index.search(queries, k: k) == Array(repeating: [], count: 4), "\(metric): k \(k)")
            #expect(try index.search(queries, k: k, within: unbounded) == Array(repeating: [], count: 4), "\(metric): k \(k) within")
            #expect(index.neighbors(k: k, within: unbounded) == Array(repeating: [], count: 5), "\(metric): neighbours k \(k)")
            #expect(index.neighborPairs(k: k, within: unbounded).isEmpty, "\(metric): neighbour pairs k \(k)")
        }
    }

    /// Vectors of the wrong length are refused with both lengths and their position, whether
    /// added (nothing of the batch is added) or searched with, also on an empty index.
    func dimensionMismatch(_ metric: VectorMetric) throws {
        var index = make(dimension, metric)
        let good = random(2, seed: seed &+ 61), short = Array(good[0].dropLast()), long = good[0] + [0.5]
        let unbounded = metric.unboundedThreshold
        #expect(throws: VectorIndexError.dimensionMismatch(expected: dimension, actual: dimension - 1, position: 0)) {
            try index.search([short], k: 1)
        }
        #expect(throws: VectorIndexError.dimensionMismatch(expected: dimension, actual: dimension - 1, position: 0)) { try index.add([short]) }
        #expect(throws: VectorIndexError.dimensionMismatch(expected: dimension, actual: dimension + 1, position: 1)) { try index.add([good[0], long]) }
        #expect(throws: VectorIndexError.dimensionMismatch(expected: dimension, actual: 0, position: 2)) { try index.add(good + [[]]) }
        #expect(index.count == 0, "\(metric): a refused batch adds nothing")
        try index.add(good)
        #expect(index.count == 2)
        let error = VectorIndexError.dimensionMismatch(expected: dimension, actual: dimension + 1, position: 1)
        #expect(throws: error) { try index.search([good[0], long], k: 1) }
        #expect(throws: error) { try index.search([good[0], long], k: 1, within: unbounded) }
        #expect(throws: error) { try index.range([good[0], long], threshold: unbounded) }
        #expect(throws: error) { try index.search([good[0], long], k: 0) }
    }

    /// NaN and infinities are refused with their position, added (nothing is added) or searched with.
    func nonFinite(_ metric: VectorMetric) throws {
        var index = make(dimension, metric)
        let good = random(2, seed: seed &+ 71), unbounded = metric.unboundedThreshold
        func with(_ value: Float) -> [Float] { var v = good[1]; v[dimension / 2] = value; return v }
        for bad in [Float.nan, .infinity, -.infinity] {
            #expect(throws: VectorIndexError.nonFinite(position: 0)) { try index.add([with(bad)]) }
            #expect(throws: VectorIndexError.nonFinite(position: 1)) { try index.add([good[0], with(bad)]) }
        }
        #expect(index.count == 0, "\(metric): a refused batch adds nothing")
        try index.add(good)
        for bad in [Float.nan, .infinity] {
            #expect(throws: VectorIndexError.nonFinite(position: 1)) { try index.search([good[0], with(bad)], k: 1) }
            #expect(throws: VectorIndexError.nonFinite(position: 0)) { try index.search([with(bad)], k: 1, within: unbounded) }
            #expect(throws: VectorIndexError.nonFinite(position: 0)) { try index.range([with(bad)], threshold: unbounded) }
        }
        #expect(index.count == 2)
    }

    /// A zero vector is stored as it is: cosine and dot score it 0 (so a zero query ties every
    /// vector and lists them by id), L2 by the other vector's length. Nothing becomes NaN.
    func zeroVector(_ metric: VectorMetric) throws {
        var data = random(10, seed: seed &+ 81)
        let zero = [Float](repeating: 0, count: dimension)
        data.insert(zero, at: 3)
        let index = try index(metric, holding: data)
        let truth = BruteForceNeighbors(metric: metric, vectors: data)
        let queries = [zero, data[0]]
        var tally = Tally()
        let found = try index.search(queries, k: 4)
        for (q, list) in found.enumerated() {
            verify(list, truth.ranked(queries[q]), truth: truth, k: 4, within: metric.unboundedThreshold, "\(metric): zero vector, query \(q)", &tally)
        }
        expectRecall([.search: tally], "\(metric) zero vector")
        #expect(index.pairs(within: metric.unboundedThreshold).allSatisfy { $0.score.isFinite }, "\(metric): pair scores finite")
        guard expectation == .exact else { return }
        #expect(index.vector(at: 3) == zero, "\(metric): the zero vector is stored as it is")
        let row = try index.range([data[0]], threshold: metric.unboundedThreshold)[0]
        let zeroScore = row.first { $0.id == 3 }?.score
        let expected = Float(truth.score(data[0], zero))
        #expect(zeroScore.map { metric == .l2 ? abs($0 - expected) <= 1e-4 * Swift.max(1, expected) : $0 == 0 } == true,
                "\(metric): the zero vector scores \(String(describing: zeroScore)), not \(expected)")
        if metric != .l2 { #expect(found[0].map(\.id) == [0, 1, 2, 3], "\(metric): a zero query ties every vector at 0") }
    }
}
