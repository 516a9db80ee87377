import Foundation
@testable import LikenessLab
import LikenessANN
import LikenessTestSupport
import Testing

/// The files `bench ann --data` writes for the peers, and `--from` reads back.
@Suite struct ANNBenchmarkFilesTests {
    let folder = TemporaryDirectory("ann-files")

    @Test("vectors and exact answers written in blocks read back as they were, and --from measures on them")
    func roundTrip() throws {
        // More than one block of 4,096 vectors, so the block boundary is crossed.
        let stored = SyntheticClusters(dimension: 8, clusters: 5, seed: 2).vectors(5_000)
        let queries = SyntheticClusters(dimension: 8, clusters: 5, seed: 2).vectors(7, stream: 1)
        let truth = (0..<7).map { q in (0..<10).map { q * 10 + $0 } }
        try ANNBenchmarkFiles.write(stored: stored, queries: queries, truth: truth, to: folder.path)
        let size = try FileManager.default.attributesOfItem(atPath: folder.child("base.fvecs"))[.size] as? Int
        #expect(size == 5_000 * (8 + 1) * 4)
        let read = try ANNBenchmarkFiles.read(from: folder.path)
        #expect(read.stored == stored && read.queries == queries && read.truth == truth)

        let written = folder.folder("run")
        let first = try ANNBenchmark(count: 2_000, dimension: 8, queries: 20, kinds: [], threads: 1, dataDirectory: written).run()
        let again = try ANNBenchmark(count: 0, dimension: 0, queries: 0, kinds: [.hnsw(HNSWParameters())], threads: 1, efSweep: [8],
                                     sourceDirectory: written).run()
        #expect(first.rows.map(\.index) == ["exact"])
        #expect(again.vectors == 2_000 && again.dimension == 8 && again.queries == 20)
        #expect(again.rows.map(\.index) == ["hnsw:m=32,efConstruction=64,ef=64", "hnsw:m=32,efConstruction=64,ef=8"])
        #expect(again.rows[0].recallAt10 >= 0.9)
    }
}
