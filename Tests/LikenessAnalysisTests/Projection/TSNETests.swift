import LikenessAnalysis
import LikenessCore
import LikenessIndex
import LikenessNumerics
import LikenessTestSupport
import Testing

@Suite struct TSNETests {
    let blobs = Blobs(centres: (0..<4).map { b in (0..<10).map { $0 == b ? Float(20) : 0 } }, perBlob: 60, spread: 1, seed: 31)

    @Test func blobsBecomeIslands() throws {
        let map = try TSNE().fit(blobs.points)
        #expect(map.rows == 240 && map.columns == 2 && MapChecks.allFinite(map))
        #expect(MapChecks.nearestNeighbourAccuracy(map, labels: blobs.truth) == 1)
        #expect(MapChecks.separation(map, labels: blobs.truth) > 1)
        #expect(Trustworthiness.score(high: blobs.points, low: map, k: 10) > 0.9)
    }

    /// The same seed gives the same map, whatever the number of threads.
    @Test func sameSeedSameMapOnAnyThreads() throws {
        let one = try TSNE(.init(iterations: 300, threads: 1)).fit(blobs.points)
        let two = try TSNE(.init(iterations: 300, threads: 2)).fit(blobs.points)
        let again = try TSNE(.init(iterations: 300, threads: 2)).fit(blobs.points)
        #expect(one == two && two == again)
    }

    /// The exact gradient (theta 0) and Barnes–Hut's agree on what lies near what.
    @Test func barnesHutAgreesWithExact() throws {
        let exact = try TSNE(.init(iterations: 400, theta: 0)).fit(blobs.points)
        let approximate = try TSNE(.init(iterations: 400, theta: 0.5)).fit(blobs.points)
        let a = Trustworthiness.score(high: blobs.points, low: exact, k: 10)
        let b = Trustworthiness.score(high: blobs.points, low: approximate, k: 10)
        #expect(abs(a - b) < 0.02)
    }

    @Test func usesAGivenIndex() throws {
        var index = ExactVectorIndex(dimension: 10, metric: .l2)
        try index.add(blobs.points.rowArrays)
        let configuration = TSNE.Configuration(iterations: 100)
        #expect(try TSNE(configuration).fit(blobs.points, index: index) == TSNE(configuration).fit(blobs.points))
    }

    @Test func refusesDegenerateInput() throws {
        #expect(throws: FitError.badPoints(.empty)) { try TSNE().fit(Matrix(zeros: 0, columns: 3)) }
        #expect(throws: FitError.tooFewPoints(points: 1, needed: 32)) { try TSNE().fit(Matrix(zeros: 1, columns: 3)) }
        #expect(throws: FitError.tooFewPoints(points: 20, needed: 32)) { try TSNE().fit(blobs.points.selecting(rows: Array(0..<20))) }
        #expect(throws: FitError.self) { try TSNE().fit(Matrix(rows: 40, columns: 2, values: Array(repeating: -2, count: 80))) }
        var withNaN = blobs.points
        withNaN[5, 0] = .infinity
        #expect(throws: FitError.badPoints(.notFinite(row: 5))) { try TSNE().fit(withNaN) }
        #expect(throws: FitError.self) { try TSNE(.init(perplexity: 0)).fit(blobs.points) }
        #expect(throws: FitError.self) { try TSNE(.init(learningRate: -1)).fit(blobs.points) }
        // A small perplexity fits a small set.
        #expect(try TSNE(.init(perplexity: 5, iterations: 50)).fit(blobs.points.selecting(rows: Array(0..<20))).rows == 20)
    }

    @Test func stopsWhenCancelled() {
        let token = CancellationToken()
        token.cancel()
        #expect(throws: FitError.cancelled) { try TSNE().fit(blobs.points, cancellation: token) }
    }

    /// Progress reports each phase, and the iterations one by one.
    @Test func reportsProgress() throws {
        let recorder = ProgressRecorder()
        _ = try TSNE(.init(iterations: 20)).fit(blobs.points, progress: recorder)
        #expect(recorder.phases == ["t-SNE k-NN", "t-SNE iterations"])
        #expect(recorder.lastCompleted("t-SNE iterations") == 20)
    }
}
