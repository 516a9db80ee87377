import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Testing

extension ClusterLabels: ClusterLabelsLike { var rawLabels: [Int] { labels } }

@Suite struct KMeansTests {
    let blobs = Blobs(centres: [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], perBlob: 50, spread: 0.5, seed: 11)

    @Test func recoversSeparatedBlobs() throws {
        let fit = try KMeans(.init(k: 4)).fit(blobs.points)
        #expect(fit.labels.clusterCount == 4)
        #expect(blobs.isRecovered(by: fit.labels))
        #expect(fit.labels.members.map(\.count) == [50, 50, 50, 50])
        // Every centre lies near its blob's true centre, so the inertia is about N·d·spread².
        #expect(fit.inertia > 0.5 * 200 * 3 * 0.25 && fit.inertia < 1.5 * 200 * 3 * 0.25)
    }

    @Test func sameSeedSameResult() throws {
        let a = try KMeans(.init(k: 3, seed: 5)).fit(blobs.points)
        let b = try KMeans(.init(k: 3, seed: 5)).fit(blobs.points)
        #expect(a == b)
    }

    /// The inertia the fit reports is the sum of squared distances to the centres it returns.
    @Test func inertiaMatchesCentres() throws {
        let fit = try KMeans(.init(k: 5, restarts: 2)).fit(blobs.points)
        var total = 0.0
        for point in 0..<blobs.points.rows {
            let centre = fit.centreOfCluster[fit.labels.labels[point]]
            for c in 0..<3 { let d = Double(blobs.points[point, c] - fit.centres[centre, c]); total += d * d }
        }
        #expect(abs(total - fit.inertia) / total < 1e-3)
    }

    @Test func degenerateInputs() throws {
        #expect(throws: FitError.tooFewPoints(points: 2, needed: 3)) { try KMeans(.init(k: 3)).fit(try Matrix(checking: [[0], [1]])) }
        #expect(throws: FitError.self) { try KMeans(.init(k: 0)).fit(try Matrix(checking: [[0], [1]])) }
        // One point, k = 1.
        let one = try KMeans(.init(k: 1)).fit(try Matrix(checking: [[3, 4]]))
        #expect(one.labels.labels == [0] && one.inertia == 0)
        // Identical points: k = 3 still labels every point, inertia 0.
        let same = try KMeans(.init(k: 3)).fit(try Matrix(checking: Array(repeating: [1, 2], count: 10)))
        #expect(same.inertia == 0)
        #expect(same.labels.labels.allSatisfy { $0 >= 0 })
    }
}
