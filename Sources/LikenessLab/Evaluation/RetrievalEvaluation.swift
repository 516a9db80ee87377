import LikenessEngine
import LikenessAnalysis
import Foundation
import LikenessCore
import LikenessIndex

/// Ranks every other image for each query by one method's features and scores the rankings.
public struct RetrievalEvaluation: Sendable {
    /// A method's features for every image of a dataset (nil where the image failed).
    public enum Features: Sendable {
        /// Vectors compared by cosine similarity.
        case vectors([[Float]?])
        /// Bit hashes compared by Hamming distance.
        case hashes([BitHash?])
    }

    /// One query's scores.
    public struct QueryScore: Sendable {
        /// The query's position in the dataset.
        public var query: Int
        /// Keyed by k.
        public var precision: [Int: Double]
        public var recall: [Int: Double]
        public var averagePrecisionAtK: [Int: Double]
        /// Average precision over the whole ranking.
        public var averagePrecision: Double
    }

    /// One method's scores.
    public struct Scores: Sendable, Codable {
        public var method: String
        public var queries: Int
        /// Keyed by k.
        public var precision: [Int: Double]
        public var recall: [Int: Double]
        public var meanAveragePrecisionAtK: [Int: Double]
        public var meanAveragePrecision: Double
        /// UKBench N-S score (0–4), when every group has four images.
        public var nisterStewenius: Double?
        /// Ranking and scoring time for all queries.
        public var seconds: Double
        /// Time to compute the features, when the caller measured it.
        public var featureSeconds: Double?
        /// Every query's own scores, in query order (not encoded: see ``RetrievalEvaluation/perQueryCSV(_:)``).
        public var perQuery: [QueryScore] = []

        enum CodingKeys: String, CodingKey {
            case method, queries, precision, recall, meanAveragePrecisionAtK, meanAveragePrecision, nisterStewenius, seconds, featureSeconds
        }
    }

    public let dataset: EvalDataset
    public let ks: [Int]

    public init(dataset: EvalDataset, ks: [Int] = [1, 5, 10]) {
        self.dataset = dataset
        self.ks = Array(Set(ks)).sorted()
    }

    /// Scores `features` using the images at `queries` (positions in the dataset) as queries,
    /// ranked by `metric` (nil: cosine for vectors, Hamming for hashes). Throws when the vectors are
    /// not all of one length, not finite, or outside the metric's domain, or when the metric does
    /// not fit bit hashes. `ground` is the bins' ground distance for EMD over unordered bins
    /// (``EvalMethod/groundDistance``); nil: EMD over ordered bins.
    public func score(method: String, features: Features, queries: [Int], metric: Metric? = nil,
                      ground: GroundedEarthMovers? = nil) throws(MetricError) -> Scores {
        let started = Date()
        let usable: [Int]
        switch features {
        case .vectors(let v): usable = dataset.paths.indices.filter { v[$0] != nil }
        case .hashes(let h): usable = dataset.paths.indices.filter { h[$0] != nil }
        }
        let usableSet = Set(usable)
        let queryList = queries.filter { usableSet.contains($0) }
        let groupSizes = Dictionary(usable.map { (dataset.groups[$0], 1) }, uniquingKeysWith: +)
        var perQuery: [QueryScore] = [], ns: [Double] = []
        perQuery.reserveCapacity(queryList.count)
        let fourEach = groupSizes.values.allSatisfy { $0 == 4 }
        // Scores one query's full ranking (query excluded); rankings are dropped once scored.
        func record(_ query: Int, _ ranking: [Int]) {
            let relevantFlags = ranking.map { dataset.groups[$0] == dataset.groups[query] }
            let relevant = (groupSizes[dataset.groups[query]] ?? 1) - 1
            var score = QueryScore(query: query, precision: [:], recall: [:], averagePrecisionAtK: [:],
                                   averagePrecision: RetrievalMetrics.averagePrecision(relevantFlags, relevant: relevant))
            for k in ks {
                score.precision[k] = RetrievalMetrics.precision(at: k, relevantFlags)
                score.recall[k] = RetrievalMetrics.recall(at: k, relevantFlags, relevant: relevant)
                score.averagePrecisionAtK[k] = RetrievalMetrics.averagePrecision(relevantFlags, relevant: relevant, at: k)
            }
            perQuery.append(score)
            if fourEach { ns.append(Double(RetrievalMetrics.nisterStewenius([true] + relevantFlags))) }
        }
        switch features {
        case .vectors where usable.isEmpty:
            break
        case .vectors(let vectors) where (metric ?? .cosine) == .cosine:
            var index = ExactVectorIndex(dimension: vectors[usable[0]]!.count, metric: .cosine)
            do { try index.add(usable.map { vectors[$0]! }) } catch { throw MetricError(error) }
            // In chunks of queries, so only a chunk's score lists are held at once.
            for start in stride(from: 0, to: queryList.count, by: 256) {
                let chunk = Array(queryList[start..<min(start + 256, queryList.count)])
                let found: [[Neighbor]]
                do { found = try index.range(chunk.map { vectors[$0]! }, threshold: -.infinity) } catch { throw MetricError(error) }
                for (query, neighbours) in zip(chunk, found) { record(query, neighbours.map { usable[$0.id] }.filter { $0 != query }) }
            }
        case .vectors(let vectors):
            var index = MetricIndex(dimension: vectors[usable[0]]!.count, metric: metric!, ground: ground)
            try index.add(usable.map { vectors[$0]! })
            for start in stride(from: 0, to: queryList.count, by: 256) {
                let chunk = Array(queryList[start..<min(start + 256, queryList.count)])
                let found = try index.ranking(chunk.map { vectors[$0]! })
                for (query, neighbours) in zip(chunk, found) { record(query, neighbours.map { usable[$0.id] }.filter { $0 != query }) }
            }
        case .hashes(let hashes):
            switch metric ?? .hamming {
            case .hamming:
                for query in queryList { record(query, Self.hammingRanking(query: query, among: usable, hashes: hashes)) }
            case .jaccard:
                for query in queryList { record(query, Self.jaccardRanking(query: query, among: usable, hashes: hashes)) }
            case let other:
                throw .doesNotFit(other, kind: .bits, method: method)
            }
        }
        func mean(_ metric: (QueryScore) -> Double?) -> Double { RetrievalMetrics.mean(perQuery.compactMap(metric)) }
        return Scores(method: method, queries: queryList.count,
                      precision: Dictionary(uniqueKeysWithValues: ks.map { k in (k, mean { $0.precision[k] }) }),
                      recall: Dictionary(uniqueKeysWithValues: ks.map { k in (k, mean { $0.recall[k] }) }),
                      meanAveragePrecisionAtK: Dictionary(uniqueKeysWithValues: ks.map { k in (k, mean { $0.averagePrecisionAtK[k] }) }),
                      meanAveragePrecision: mean { $0.averagePrecision },
                      nisterStewenius: fourEach ? RetrievalMetrics.mean(ns) : nil, seconds: Date().timeIntervalSince(started),
                      perQuery: perQuery)
    }

    /// Every usable image but the query, by Hamming distance to it, then by position: a counting
    /// sort over the possible distances, linear in the number of images.
    static func hammingRanking(query: Int, among usable: [Int], hashes: [BitHash?]) -> [Int] {
        let q = hashes[query]!
        var buckets = [[Int]](repeating: [], count: q.count + 1)
        for i in usable where i != query { buckets[q.hammingDistance(to: hashes[i]!)].append(i) }
        return buckets.flatMap { $0 }
    }

    /// Every usable image but the query, by Jaccard similarity of set bits to it (highest first),
    /// then by position.
    static func jaccardRanking(query: Int, among usable: [Int], hashes: [BitHash?]) -> [Int] {
        let q = hashes[query]!
        let scored = usable.filter { $0 != query }.map { (id: $0, value: q.jaccardSimilarity(to: hashes[$0]!)) }
        return scored.sorted { $0.value != $1.value ? $0.value > $1.value : $0.id < $1.id }.map(\.id)
    }


    /// `count` query positions drawn with a seed so whole groups are kept: groups are shuffled and
    /// taken until enough images are chosen. Nil count: every image.
    public func sampleQueries(_ count: Int?, seed: UInt64 = 1) -> [Int] {
        guard let count, count < dataset.paths.count else { return Array(dataset.paths.indices) }
        var generator = SeededRandom(seed: seed)
        let byGroup = Dictionary(grouping: dataset.paths.indices, by: { dataset.groups[$0] })
        var order = byGroup.keys.sorted()
        generator.shuffle(&order)
        var chosen: [Int] = []
        for group in order where chosen.count < count { chosen += byGroup[group]! }
        return chosen.sorted()
    }
}
