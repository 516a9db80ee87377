import LikenessANN
import LikenessCore
import LikenessIndex
import Testing

/// Changing the search setting of a built index without rebuilding it.
@Suite struct RetuneTests {
    static let data = SyntheticClusters(dimension: 16, clusters: 10, seed: 4)

    @Test("an inverted file retuned to probe every cell answers as the exact index; another structure is refused")
    func nprobe() throws {
        let stored = Self.data.vectors(1_000), queries = Self.data.vectors(30, stream: 1)
        var index = try ApproximateVectorIndex(dimension: 16, metric: .l2, kind: .ivfFlat(IVFParameters(nlist: 32, nprobe: 1, trainingSize: 500)))
        try index.add(stored)
        var exact = ExactVectorIndex(dimension: 16, metric: .l2)
        try exact.add(stored)
        let truth = try exact.search(queries, k: 5).map { $0.map(\.id) }
        try index.retune(to: .ivfFlat(IVFParameters(nlist: 32, nprobe: 32, trainingSize: 500)))
        #expect(index.kind == .ivfFlat(IVFParameters(nlist: 32, nprobe: 32, trainingSize: 500)))
        #expect(try index.search(queries, k: 5).map { $0.map(\.id) } == truth)
        #expect(throws: ANNError.self) { try index.retune(to: .ivfFlat(IVFParameters(nlist: 64, nprobe: 64, trainingSize: 500))) }
        #expect(throws: ANNError.self) { try index.retune(to: .hnsw(HNSWParameters())) }
    }

    @Test("an HNSW graph retuned to another ef keeps its vectors and names the new ef; a copy keeps the old one")
    func ef() throws {
        var index = try ApproximateVectorIndex(dimension: 16, metric: .cosine, kind: .hnsw(HNSWParameters(m: 8, efSearch: 16)))
        try index.add(Self.data.vectors(500))
        let before = index
        try index.retune(to: .hnsw(HNSWParameters(m: 8, efSearch: 200)))
        #expect(index.count == 500 && index.kind == .hnsw(HNSWParameters(m: 8, efSearch: 200)))
        #expect(before.kind == .hnsw(HNSWParameters(m: 8, efSearch: 16)))
        #expect(throws: ANNError.self) { try index.retune(to: .hnsw(HNSWParameters(m: 16, efSearch: 200))) }
    }
}
