@testable import LikenessLab
import LikenessANN
import LikenessEngine
import Testing

@Suite struct ScaleBenchmarkTests {
    @Test("finds exactly the planted duplicate pairs among random vectors")
    func planted() throws {
        let result = try ScaleBenchmark(count: 1_000, dimension: 64, threshold: 0.9, threads: 1).run()
        #expect(result.plantedPairs == 10)
        #expect(result.foundPairs == result.plantedPairs)
        #expect(result.groups == result.plantedPairs)
        #expect(result.gflops > 0 && result.sgemmPeakGflops > 0)
        #expect(result.index == "exact")
    }

    @Test("through an HNSW graph: the same planted pairs, and the index named")
    func plantedThroughGraph() throws {
        let hnsw = IndexChoice.approximate(.hnsw(HNSWParameters()))
        let result = try ScaleBenchmark(count: 1_000, dimension: 64, threshold: 0.9, threads: 1, index: hnsw).run()
        #expect(result.plantedPairs == 10)
        #expect(result.foundPairs == result.plantedPairs)
        #expect(result.index == hnsw.description && result.buildSeconds != nil)
    }
}
