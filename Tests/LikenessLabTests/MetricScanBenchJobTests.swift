import LikenessCore
import LikenessEngine
@testable import LikenessLab
import LikenessNumerics
import LikenessTestSupport
import Testing

@Suite struct MetricScanBenchJobTests {
    let folder = TemporaryDirectory("metric-scan-bench")

    @Test("bench metrics: every metric's top-k from the BLAS index or the scan, each query its own nearest; bad input is a typed error")
    func smallRun() throws {
        var random = SeededRandom(seed: 9)
        // 50 unit-mass histograms of 8 bins, all distinct, so every metric is defined and each query is nearest to itself.
        let rows = (0..<50).map { _ in (0..<8).map { _ in Float(random.nextUnit() + 0.01) } }.map { row in row.map { $0 / row.reduce(0, +) } }
        let path = folder.child("vectors.npy")
        try NumpyFile.write(Matrix(rows: 50, columns: 8, values: rows.flatMap { $0 }), to: path)
        let result = try MetricScanBenchJob(vectors: path, queryCount: 5, metrics: [.cosine, .manhattan, .emd, .spearman], k: 3)
            .run(in: JobContext(workers: 1))
        #expect(result.count == 50 && result.dimension == 8 && result.queries == 5 && result.rows.count == 4)
        #expect(result.rows.map(\.blas) == [true, false, false, true], "Spearman: centred ranks over BLAS")
        for row in result.rows {
            #expect(row.neighbours.count == 5 && row.neighbours.allSatisfy { $0.count == 3 })
            #expect(row.neighbours.enumerated().allSatisfy { $0.element.first == $0.offset }, "\(row.metric)")
            #expect(row.comparisonsPerSecond > 0)
        }
        #expect(throws: JobError.self) { try MetricScanBenchJob(vectors: path, metrics: []).run(in: JobContext(workers: 1)) }
        #expect(throws: JobError.self) { try MetricScanBenchJob(vectors: folder.child("none.npy"), metrics: [.cosine]).run(in: JobContext(workers: 1)) }
        #expect(throws: JobError.self) { try MetricScanBenchJob(vectors: path, metrics: [.hamming]).run(in: JobContext(workers: 1)) }
    }
}
