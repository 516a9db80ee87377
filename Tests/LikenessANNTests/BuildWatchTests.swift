import LikenessANN
import LikenessCore
import LikenessTestSupport
import Testing

/// A long build reports its progress and stops between chunks when asked.
@Suite struct BuildWatchTests {
    /// More vectors than one chunk, small enough to build quickly.
    func vectors(_ count: Int) -> [[Float]] {
        var random = SeededRandom(seed: 5)
        return (0..<count).map { _ in (0..<8).map { _ in Float(random.nextUnit() - 0.5) } }
    }

    @Test("an HNSW build reports the vectors added, chunk by chunk, up to all of them")
    func reportsProgress() throws {
        let batch = vectors(40_000)
        let recorder = ProgressRecorder()
        var index = try ApproximateVectorIndex(dimension: 8, metric: .cosine, kind: .hnsw(HNSWParameters(m: 8, efConstruction: 16, efSearch: 16)))
        try index.add(batch, watch: IndexBuildWatch(progress: recorder, cancellation: CancellationToken()))
        #expect(recorder.phases == [IndexBuildWatch.phase])
        #expect(recorder.lastCompleted(IndexBuildWatch.phase) == batch.count)
        #expect(index.count == batch.count)
    }

    @Test("a stop requested during a build ends it after the chunk in hand, as a cancellation of the job")
    func stopsBetweenChunks() throws {
        let batch = vectors(40_000)
        let token = CancellationToken()
        let recorder = ProgressRecorder { _, _ in token.cancel() }
        var index = try ApproximateVectorIndex(dimension: 8, metric: .cosine, kind: .hnsw(HNSWParameters(m: 8, efConstruction: 16, efSearch: 16)))
        #expect(throws: VectorIndexError.stopped) {
            try index.add(batch, watch: IndexBuildWatch(progress: recorder, cancellation: token))
        }
        #expect(index.count > 0 && index.count < batch.count, "\(index.count) of \(batch.count)")
    }

    @Test("an index built under a watch reports its whole-index neighbour search to the same reporter")
    func reportsNeighbourSearch() throws {
        let batch = vectors(9_000)
        let recorder = ProgressRecorder()
        var index = try ApproximateVectorIndex(dimension: 8, metric: .cosine, kind: .hnsw(HNSWParameters(m: 8, efConstruction: 16, efSearch: 16)))
        try index.add(batch, watch: IndexBuildWatch(progress: recorder, cancellation: CancellationToken()))
        let pairs = index.neighborPairs(k: 2, within: 0.5)
        #expect(!pairs.isEmpty)
        #expect(recorder.phases == [IndexBuildWatch.phase, IndexBuildWatch.searchPhase])
        #expect(recorder.lastCompleted(IndexBuildWatch.searchPhase) == batch.count)

        var quiet = try ApproximateVectorIndex(dimension: 8, metric: .cosine, kind: .hnsw(HNSWParameters(m: 8, efConstruction: 16, efSearch: 16)))
        try quiet.add(batch)
        #expect(quiet.searchProgress == nil)
    }
}
