import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Testing

@Suite struct HDBSCANTests {
    /// Three blobs of different spreads (so no single DBSCAN eps fits all three), plus far outliers.
    static func data() -> (points: Matrix, truth: [Int]) {
        let dense = Blobs(centres: [[0, 0], [30, 0]], perBlob: 80, spread: 0.5, seed: 31)
        let loose = Blobs(centres: [[0, 40]], perBlob: 80, spread: 3, seed: 32)
        let rows = dense.points.rowArrays + loose.points.rowArrays + [[200, 200], [-150, 90], [90, -160]]
        return (Matrix(rows: rows.count, columns: 2, values: rows.flatMap { $0 }), dense.truth + loose.truth.map { _ in 2 } + [-1, -1, -1])
    }

    @Test func recoversBlobsOfDifferentDensity() throws {
        let (points, truth) = Self.data()
        let fit = try HDBSCAN(.init(minClusterSize: 10)).fit(points)
        #expect(fit.labels.clusterCount == 3)
        #expect(Array(fit.labels.labels.suffix(3)) == [-1, -1, -1])
        // Inside the blobs, a few loose-edge points may be called noise; the partition must match.
        #expect(ClusterAgreement.adjustedRandIndex(fit.labels.labels, truth) > 0.95)
        #expect(fit.probabilities.count == points.rows)
        #expect(fit.probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(fit.probabilities.contains(1))
        for (label, probability) in zip(fit.labels.labels, fit.probabilities) where label < 0 { #expect(probability == 0) }
    }

    @Test func sameInputSameResult() throws {
        let (points, _) = Self.data()
        let a = try HDBSCAN(.init(minClusterSize: 8, minSamples: 4)).fit(points)
        let b = try HDBSCAN(.init(minClusterSize: 8, minSamples: 4)).fit(points)
        #expect(a == b)
    }

    /// The k-NN graph of two far-apart blobs has two components; the exact joining round must still
    /// give one tree, and each blob is a cluster.
    @Test func joinsDisconnectedNeighbourGraph() throws {
        let blobs = Blobs(centres: [[0, 0, 0], [1000, 0, 0]], perBlob: 40, spread: 1, seed: 33)
        let fit = try HDBSCAN(.init(minClusterSize: 5, graphNeighbors: 5)).fit(blobs.points)
        #expect(fit.forestComponents >= 2)
        #expect(fit.labels.clusterCount == 2)
        #expect(ClusterAgreement.adjustedRandIndex(fit.labels.labels, blobs.truth) > 0.9)
    }

    /// Core distance: the distance to the minSamples-th nearest point, itself counted.
    @Test func coreDistancesCountThePointItself() throws {
        let points = try Matrix(checking: [[0], [1], [3], [6], [10]])
        let fit = try HDBSCAN(.init(minClusterSize: 2, minSamples: 3)).fit(points)
        #expect(fit.coreDistances == [3, 2, 3, 4, 7])
    }

    @Test func identicalPointsAreNoise() throws {
        let fit = try HDBSCAN(.init(minClusterSize: 3)).fit(try Matrix(checking: Array(repeating: [1, 1], count: 10)))
        #expect(fit.labels.clusterCount == 0)
    }

    @Test func degenerateInputs() throws {
        let (points, _) = Self.data()
        #expect(throws: FitError.self) { try HDBSCAN(.init(minClusterSize: 1)).fit(points) }
        #expect(throws: FitError.tooFewPoints(points: 3, needed: 5)) { try HDBSCAN(.init(minClusterSize: 5)).fit(try Matrix(checking: [[0], [1], [2]])) }
        #expect(throws: FitError.tooFewPoints(points: 1, needed: 2)) { try HDBSCAN(.init(minClusterSize: 2, minSamples: 1)).fit(try Matrix(checking: [[0]])) }
        #expect(throws: FitError.badPoints(.notFinite(row: 2))) {
            try HDBSCAN(.init(minClusterSize: 2)).fit(Matrix(rows: 4, columns: 1, values: [0, 1, .infinity, 3]))
        }
        let token = CancellationToken()
        token.cancel()
        #expect(throws: FitError.cancelled) { try HDBSCAN(.init(minClusterSize: 5)).fit(points, cancellation: token) }
    }
}
