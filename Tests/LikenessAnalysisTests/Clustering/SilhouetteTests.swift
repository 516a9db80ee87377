import LikenessAnalysis
import LikenessNumerics
import Testing

@Suite struct SilhouetteTests {
    /// Points 0, 1 | 10, 11: s = (10.5 − 1)/10.5 for the outer points and (9.5 − 1)/9.5 for the
    /// inner ones; the mean is 0.899749373433584 (scikit-learn prints the same).
    @Test func twoClustersByHand() throws {
        let points = try Matrix(checking: [[0], [1], [10], [11]])
        let score = try Silhouette.score(points: points, labels: [0, 0, 1, 1])
        #expect(abs(score - (9.5 / 10.5 + 8.5 / 9.5) / 2) < 1e-6)
    }

    /// A point alone in its cluster scores 0 but still counts in the mean (scikit-learn: 0.7197994987468672).
    @Test func singletonScoresZero() throws {
        let points = try Matrix(checking: [[0], [1], [10], [11], [30]])
        #expect(abs(try Silhouette.score(points: points, labels: [0, 0, 1, 1, 2]) - 0.7197994987468672) < 1e-6)
    }

    @Test func noiseIsLeftOut() throws {
        let points = try Matrix(checking: [[0], [1], [10], [11], [500]])
        let withNoise = try Silhouette.score(points: points, labels: [0, 0, 1, 1, -1])
        let without = try Silhouette.score(points: try Matrix(checking: [[0], [1], [10], [11]]), labels: [0, 0, 1, 1])
        #expect(abs(withNoise - without) < 1e-9)
    }

    @Test func sampleIsSeeded() throws {
        let blobs = Blobs(centres: [[0, 0], [6, 0], [0, 6]], perBlob: 200, spread: 1, seed: 3)
        let a = try Silhouette.score(points: blobs.points, labels: blobs.truth, sample: 100, seed: 9)
        let b = try Silhouette.score(points: blobs.points, labels: blobs.truth, sample: 100, seed: 9)
        let full = try Silhouette.score(points: blobs.points, labels: blobs.truth)
        #expect(a == b)
        #expect(abs(a - full) < 0.1)
        #expect(full > 0.5)
    }

    @Test func refusesOneCluster() throws {
        let points = try Matrix(checking: [[0], [1], [2]])
        #expect(throws: FitError.self) { try Silhouette.score(points: points, labels: [0, 0, 0]) }
        #expect(throws: FitError.self) { try Silhouette.score(points: points, labels: [0, 1]) }
    }
}
