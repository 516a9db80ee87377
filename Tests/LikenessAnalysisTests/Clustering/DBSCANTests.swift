import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Testing

@Suite struct DBSCANTests {
    let blobs = Blobs(centres: [[0, 0], [20, 0], [0, 20]], perBlob: 60, spread: 0.5, seed: 21)

    @Test func recoversBlobsAndCallsOutliersNoise() throws {
        var rows = blobs.points.rowArrays
        rows += [[100, 100], [-80, 40]]
        let labels = try DBSCAN(.init(eps: 1.5, minSamples: 5)).fit(try Matrix(checking: rows))
        #expect(labels.clusterCount == 3)
        #expect(labels.noisePoints == [180, 181])
        let clustered = ClusterLabels(raw: Array(labels.labels.prefix(180)))
        #expect(blobs.isRecovered(by: clustered))
    }

    /// A border point within eps of two clusters goes to the cluster holding the lowest-numbered
    /// core point, as scikit-learn's DBSCAN labels it (checked there: [0 0 0 0 1 1 1 1 0] for both orders).
    @Test func borderPointFollowsScikitLearnOrder() throws {
        let a: [[Float]] = [[0], [0.3], [0.6], [1.0]], c: [[Float]] = [[3.0], [3.4], [3.7], [4.0]]
        for rows in [c + a + [[2.0]], a + c + [[2.0]]] {
            let labels = try DBSCAN(.init(eps: 1.0, minSamples: 4)).fit(try Matrix(checking: rows)).labels
            #expect(labels[8] == labels[0])
            #expect(labels[0] != labels[4])
            #expect(labels.allSatisfy { $0 >= 0 })
        }
    }

    @Test func allNoiseIsAnAnswer() throws {
        let labels = try DBSCAN(.init(eps: 0.01, minSamples: 3)).fit(blobs.points)
        #expect(labels.clusterCount == 0)
        #expect(labels.noisePoints.count == blobs.points.rows)
    }

    @Test func minSamplesOneMakesEveryPointCore() throws {
        let labels = try DBSCAN(.init(eps: 0.5, minSamples: 1)).fit(try Matrix(checking: [[0], [0.4], [5], [9]]))
        #expect(labels.labels == [0, 0, 1, 2] || labels.clusterCount == 3)
        #expect(labels.noisePoints.isEmpty)
    }

    @Test func identicalPointsFormOneCluster() throws {
        let labels = try DBSCAN(.init(eps: 0, minSamples: 3)).fit(try Matrix(checking: Array(repeating: [1, 2], count: 5)))
        #expect(labels.labels == [0, 0, 0, 0, 0])
    }

    @Test func degenerateInputs() throws {
        let nan = Matrix(rows: 3, columns: 1, values: [0, .nan, 1])
        #expect(throws: FitError.badPoints(.notFinite(row: 1))) { try DBSCAN(.init(eps: 1)).fit(nan) }
        #expect(throws: FitError.self) { try DBSCAN(.init(eps: -1)).fit(blobs.points) }
        #expect(throws: FitError.self) { try DBSCAN(.init(eps: 1, minSamples: 0)).fit(blobs.points) }
        #expect(throws: FitError.badPoints(.empty)) { try DBSCAN(.init(eps: 1)).fit(Matrix(zeros: 0, columns: 2)) }
        #expect(try DBSCAN(.init(eps: 1, minSamples: 2)).fit(try Matrix(checking: [[3, 4]])).labels == [-1])
    }

    @Test func stopsWhenCancelled() {
        let token = CancellationToken()
        token.cancel()
        #expect(throws: FitError.cancelled) { try DBSCAN(.init(eps: 1)).fit(blobs.points, cancellation: token) }
    }
}
