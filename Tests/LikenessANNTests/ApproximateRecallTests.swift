import LikenessANN
import LikenessCore
import LikenessIndex
import Testing

/// Recall@10 of each approximate kind against ``ExactVectorIndex`` on seeded clustered vectors.
@Suite struct ApproximateRecallTests {
    static let data = SyntheticClusters(dimension: 32, clusters: 20, spread: 0.5, seed: 7)

    /// The fraction of the exact top 10 that the index also lists, over 100 queries.
    static func recallAt10(_ kind: ApproximateIndexKind, metric: VectorMetric) throws -> Double {
        let stored = data.vectors(3_000), queries = data.vectors(100, stream: 1)
        var exact = ExactVectorIndex(dimension: data.dimension, metric: metric)
        try exact.add(stored)
        var approximate = try ApproximateVectorIndex(dimension: data.dimension, metric: metric, kind: kind)
        try approximate.add(Array(stored[..<1_000]))
        try approximate.add(Array(stored[1_000...]))
        #expect(approximate.isTrained)
        let truth = try exact.search(queries, k: 10), found = try approximate.search(queries, k: 10)
        let hits = zip(truth, found).reduce(0) { $0 + Set($1.0.map(\.id)).intersection($1.1.map(\.id)).count }
        return Double(hits) / Double(queries.count * 10)
    }

    @Test("HNSW and IVF-Flat reach recall@10 of 0.9, IVF-PQ (2 dimensions a byte) 0.7", arguments: VectorMetric.allCases)
    func recall(metric: VectorMetric) throws {
        let hnsw = try Self.recallAt10(.hnsw(HNSWParameters()), metric: metric)
        let ivf = try Self.recallAt10(.ivfFlat(IVFParameters(nlist: 16, nprobe: 4, trainingSize: 1_000)), metric: metric)
        let pq = try Self.recallAt10(.ivfPQ(IVFPQParameters(ivf: IVFParameters(nlist: 16, nprobe: 4, trainingSize: 1_000), m: 16, nbits: 8)), metric: metric)
        #expect(hnsw >= 0.9, "\(metric): HNSW recall@10 \(hnsw)")
        #expect(ivf >= 0.9, "\(metric): IVF-Flat recall@10 \(ivf)")
        #expect(pq >= 0.7, "\(metric): IVF-PQ recall@10 \(pq)")
    }

    @Test("IVF probing one cell of many loses neighbours the exact index finds")
    func recallCanFail() throws {
        // The measurement is not vacuous: a deliberately poor setting falls short.
        let poor = try Self.recallAt10(.ivfFlat(IVFParameters(nlist: 64, nprobe: 1, trainingSize: 1_000)), metric: .l2)
        #expect(poor < 0.9, "recall@10 \(poor)")
    }
}
