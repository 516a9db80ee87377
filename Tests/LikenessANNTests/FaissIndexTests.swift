@testable import LikenessANN
import Foundation
import LikenessCore
import LikenessTestSupport
import Testing

/// The owned FAISS handle and the index's training, copying and errors.
@Suite struct FaissIndexTests {
    static let data = SyntheticClusters(dimension: 16, clusters: 8, seed: 3)

    @Test("adding to an untrained inverted file is the typed notTrained error")
    func untrained() throws {
        let ivf = try FaissIndex.ivfFlat(dimension: 16, metric: .l2, nlist: 4, nprobe: 1)
        #expect(!ivf.isTrained)
        #expect(throws: ANNError.notTrained) { try ivf.add(Self.data.rows(10)) }
        #expect(throws: ANNError.notTrained) { _ = try ivf.search(Self.data.rows(1), k: 1) }
        try ivf.train(Self.data.rows(200))
        try ivf.add(Self.data.rows(10))
        #expect(ivf.count == 10)
    }

    @Test("FAISS's own refusals come back with its message, not a crash")
    func libraryError() throws {
        let ivf = try FaissIndex.ivfFlat(dimension: 16, metric: .l2, nlist: 64, nprobe: 1)
        do {
            try ivf.train(Self.data.rows(10)) // fewer points than cells
            Issue.record("training 64 cells on 10 points succeeded")
        } catch {
            guard case .library(_, let message, let context) = error else { Issue.record("\(error)"); return }
            #expect(!message.isEmpty && context == "train")
        }
        #expect(throws: ANNError.self) { try FaissIndex.read(from: "/nonexistent/likeness.faiss") }
    }

    @Test("train(on:) wants enough vectors of the right length")
    func explicitTraining() throws {
        var index = try ApproximateVectorIndex(dimension: 16, metric: .cosine, kind: .ivfFlat(IVFParameters(nlist: 8, nprobe: 8)))
        try index.add(Self.data.vectors(20))
        #expect(throws: ANNError.tooFewTrainingVectors(needed: 8, given: 3)) { try index.train(on: Self.data.vectors(3)) }
        #expect(throws: ANNError.dimensionMismatch(expected: 16, actual: 3)) { try index.train(on: Array(repeating: [1, 2, 3], count: 9)) }
        #expect(!index.isTrained)
        try index.train(on: Self.data.vectors(100, stream: 2))
        #expect(index.isTrained && index.count == 20)
        #expect(try index.search([Self.data.vectors(20)[5]], k: 1)[0].first?.id == 5)
    }

    @Test("a copy is independent of the original once either changes")
    func copyOnWrite() throws {
        var original = try ApproximateVectorIndex(dimension: 16, metric: .l2, kind: .hnsw(HNSWParameters()))
        try original.add(Self.data.vectors(50))
        var copy = original
        try copy.add(Self.data.vectors(5, stream: 1))
        #expect(original.count == 50 && copy.count == 55)
        #expect(try original.search(Self.data.vectors(5, stream: 1), k: 1).allSatisfy { $0.first!.id < 50 })
        #expect(try copy.search(Self.data.vectors(5, stream: 1), k: 1).map { $0.first!.id } == Array(50..<55))
    }

    @Test("an index written to a file reads back with the same answers")
    func files() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("index.faiss")
        let hnsw = try FaissIndex.hnsw(dimension: 16, metric: .innerProduct, HNSWParameters())
        try hnsw.add(Self.data.rows(100))
        try hnsw.write(to: path)
        let read = try FaissIndex.read(from: path)
        #expect(read.count == 100 && read.dimension == 16)
        let queries = Self.data.rows(5, stream: 1)
        #expect(try read.search(queries, k: 3).ids == hnsw.search(queries, k: 3).ids)
    }
}
