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
        public var seconds: Double
    }

    public let dataset: EvalDataset
    public let ks: [Int]

    public init(dataset: EvalDataset, ks: [Int] = [1, 5, 10]) {
        self.dataset = dataset
        self.ks = ks.sorted()
    }

    /// Scores `features` using the images at `queries` (positions in the dataset) as queries.
    public func score(method: String, features: Features, queries: [Int]) -> Scores {
        let started = Date()
        let usable: [Int]
        switch features {
        case .vectors(let v): usable = dataset.paths.indices.filter { v[$0] != nil }
        case .hashes(let h): usable = dataset.paths.indices.filter { h[$0] != nil }
        }
        let usableSet = Set(usable)
        let queryList = queries.filter { usableSet.contains($0) }
        let groupSizes = Dictionary(usable.map { (dataset.groups[$0], 1) }, uniquingKeysWith: +)
        // Full rankings (query excluded) for AP over everything.
        let rankings: [[Int]]
        switch features {
        case .vectors(let vectors):
            var index = ExactVectorIndex(dimension: vectors[usable[0]]!.count, metric: .cosine)
            index.add(usable.map { vectors[$0]! })
            // Full rankings, in chunks of queries so only a chunk's score lists are held at once.
            var all: [[Int]] = []
            for start in stride(from: 0, to: queryList.count, by: 256) {
                let chunk = Array(queryList[start..<min(start + 256, queryList.count)])
                let found = index.range(chunk.map { vectors[$0]! }, threshold: -.infinity)
                all += zip(chunk, found).map { query, neighbours in neighbours.map { usable[$0.id] }.filter { $0 != query } }
            }
            rankings = all
        case .hashes(let hashes):
            rankings = queryList.map { query in
                usable.filter { $0 != query }
                    .map { ($0, hashes[query]!.hammingDistance(to: hashes[$0]!)) }
                    .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
            }
        }
        var precision: [Int: [Double]] = [:], recall: [Int: [Double]] = [:], apAtK: [Int: [Double]] = [:]
        var ap: [Double] = [], ns: [Double] = []
        let fourEach = groupSizes.values.allSatisfy { $0 == 4 }
        for (query, ranking) in zip(queryList, rankings) {
            let relevantFlags = ranking.map { dataset.groups[$0] == dataset.groups[query] }
            let relevant = (groupSizes[dataset.groups[query]] ?? 1) - 1
            for k in ks {
                precision[k, default: []].append(RetrievalMetrics.precision(at: k, relevantFlags))
                recall[k, default: []].append(RetrievalMetrics.recall(at: k, relevantFlags, relevant: relevant))
                apAtK[k, default: []].append(RetrievalMetrics.averagePrecision(relevantFlags, relevant: relevant, at: k))
            }
            ap.append(RetrievalMetrics.averagePrecision(relevantFlags, relevant: relevant))
            if fourEach { ns.append(Double(RetrievalMetrics.nisterStewenius([true] + relevantFlags))) }
        }
        return Scores(method: method, queries: queryList.count,
                      precision: precision.mapValues(RetrievalMetrics.mean), recall: recall.mapValues(RetrievalMetrics.mean),
                      meanAveragePrecisionAtK: apAtK.mapValues(RetrievalMetrics.mean), meanAveragePrecision: RetrievalMetrics.mean(ap),
                      nisterStewenius: fourEach ? RetrievalMetrics.mean(ns) : nil, seconds: Date().timeIntervalSince(started))
    }

    /// `count` query positions drawn with a seed so whole groups are kept: groups are shuffled and
    /// taken until enough images are chosen. Nil count: every image.
    public func sampleQueries(_ count: Int?, seed: UInt64 = 1) -> [Int] {
        guard let count, count < dataset.paths.count else { return Array(dataset.paths.indices) }
        var generator = SplitMix(seed: seed)
        let byGroup = Dictionary(grouping: dataset.paths.indices, by: { dataset.groups[$0] })
        var order = byGroup.keys.sorted()
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
        var chosen: [Int] = []
        for group in order where chosen.count < count { chosen += byGroup[group]! }
        return chosen.sorted()
    }
}
