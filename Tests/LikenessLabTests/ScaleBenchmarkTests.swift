@testable import LikenessLab
import LikenessEngine
import Testing

@Suite struct ScaleBenchmarkTests {
    @Test("finds exactly the planted duplicate pairs among random vectors")
    func planted() {
        let result = ScaleBenchmark(count: 1_000, dimension: 64, threshold: 0.9, threads: 1).run()
        #expect(result.plantedPairs == 10)
        #expect(result.foundPairs == result.plantedPairs)
        #expect(result.groups == result.plantedPairs)
        #expect(result.gflops > 0 && result.sgemmPeakGflops > 0)
    }
}
