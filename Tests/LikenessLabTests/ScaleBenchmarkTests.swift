@testable import LikenessLab
import LikenessANN
import LikenessEngine
import Testing

@Suite struct ScaleBenchmarkTests {
    @Test("finds exactly the planted duplicate pairs among random vectors")
    func planted() throws {
        let result = try ScaleBenchmark(count: 1_000, dimension: 64, threshold: 0.9, threads: 1).run()
        #expect(result.plantedPairs == 10)
        #expect(result.foundPairs == result.plantedPairs && result.plantedFound == result.plantedPairs)
        #expect(result.groups == result.plantedPairs)
        #expect((result.gflops ?? 0) > 0 && (result.sgemmPeakGflops ?? 0) > 0)
        #expect(result.index == "exact")
    }

    @Test("through an HNSW graph: the same planted pairs, and the index named")
    func plantedThroughGraph() throws {
        let hnsw = IndexChoice.approximate(.hnsw(HNSWParameters()))
        let result = try ScaleBenchmark(count: 1_000, dimension: 64, threshold: 0.9, threads: 1, index: hnsw).run()
        #expect(result.plantedPairs == 10)
        #expect(result.foundPairs == result.plantedPairs)
        #expect(result.index == hnsw.description && result.buildSeconds != nil)
        #expect(result.gflops == nil && result.fractionOfPeak == nil, "a graph computes no n² products to rate")
    }

    @Test("clustered vectors through an HNSW graph: every planted pair found, and counted apart from the rest")
    func clusteredThroughGraph() throws {
        let hnsw = IndexChoice.approximate(.hnsw(HNSWParameters()))
        let result = try ScaleBenchmark(count: 2_000, dimension: 32, threshold: 0.9, threads: 1, index: hnsw, data: .clustered).run()
        #expect(result.data == "clustered" && result.plantedPairs == 20)
        #expect(result.plantedFound == result.plantedPairs)
        // Blob members at 32-d often pass 0.9 too; they are found but not counted as planted.
        #expect(result.foundPairs > result.plantedFound)
    }

    @Test("the planted pairs are each 100th vector and its successor, and nothing else")
    func plantedKeys() {
        for data in ScaleData.allCases {
            let (vectors, planted) = data.vectors(count: 250, dimension: 8)
            #expect(vectors.count == 250)
            #expect(planted == [Int64(0 * 250 + 1), Int64(100 * 250 + 101), Int64(200 * 250 + 201)])
            #expect(vectors[100].cosineSimilarity(to: vectors[101]) > 0.99)
        }
    }
}
