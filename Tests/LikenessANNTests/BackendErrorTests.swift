@testable import LikenessANN
import LikenessCore
import Testing

/// FAISS's own failures reach callers of the ``VectorIndex`` contract as a typed error with its message.
@Suite struct BackendErrorTests {
    @Test("FAISS refusing to train while vectors are added is VectorIndexError.backend with FAISS's message")
    func trainingRefused() throws {
        let data = SyntheticClusters(dimension: 16, clusters: 4, seed: 5)
        var index = try ApproximateVectorIndex(dimension: 16, metric: .l2, kind: .ivfFlat(IVFParameters(nlist: 4, nprobe: 1, trainingSize: 8)))
        // A setting validation refuses, set behind its back, so FAISS itself is asked to train 64
        // cells on 10 points: what FAISS throws, not a check of Likeness's, must reach the caller.
        index.kind = .ivfFlat(IVFParameters(nlist: 64, nprobe: 1, trainingSize: 10))
        do {
            try index.add(data.vectors(10))
            Issue.record("FAISS trained 64 cells on 10 points")
        } catch {
            guard case .backend(let library, let operation, let code, let message) = error else { Issue.record("\(error)"); return }
            #expect(library == "FAISS" && operation == "train" && code == 3)
            #expect(message.contains("training points"), "FAISS's own message: \(message)")
            #expect(error.description.contains(message))
            #expect(MetricError(error) == .index(error))
        }
    }
}
