import LikenessAnalysis
import LikenessCore
import Testing

@Suite struct CalibrationBootstrapTests {
    /// Gaussian-ish overlapping modes from a seeded generator (sum of uniforms).
    func sample(_ count: Int, seed: UInt64) -> (scores: [Double], labels: [Bool]) {
        var generator = SeededRandom(seed: seed)
        func noise() -> Double { (0..<6).reduce(0.0) { sum, _ in sum + generator.nextUnit() } / 6 - 0.5 }
        var scores: [Double] = [], labels: [Bool] = []
        for _ in 0..<count { scores.append(0.35 + 0.4 * noise()); labels.append(false) }
        for _ in 0..<count { scores.append(0.65 + 0.4 * noise()); labels.append(true) }
        return (scores, labels)
    }

    @Test("intervals contain the full-sample values, shrink with more pairs, and repeat with the seed")
    func intervals() {
        let small = sample(60, seed: 3), large = sample(2000, seed: 3)
        let full = ScoreCalibration(scores: small.scores, labels: small.labels)
        let b = ScoreCalibration.bootstrap(scores: small.scores, labels: small.labels, resamples: 300, targetRecall: 0.9)
        #expect(b.rocAUC.contains(full.rocAUC))
        #expect(b.bestF1Threshold.low <= b.bestF1Threshold.high)
        #expect(b.bestF1.low <= full.bestF1.f1 + 1e-9 && b.bestF1.high <= 1)
        #expect(b.targetRecallThreshold != nil && b.targetPrecisionThreshold == nil)
        let bLarge = ScoreCalibration.bootstrap(scores: large.scores, labels: large.labels, resamples: 100)
        #expect(bLarge.bestF1Threshold.high - bLarge.bestF1Threshold.low < b.bestF1Threshold.high - b.bestF1Threshold.low)
        // The true optimum of two equal-width modes at 0.35 and 0.65 is 0.5.
        #expect(bLarge.bestF1Threshold.contains(0.5) || abs((bLarge.bestF1Threshold.low + bLarge.bestF1Threshold.high) / 2 - 0.5) < 0.03)
        #expect(ScoreCalibration.bootstrap(scores: small.scores, labels: small.labels, resamples: 50, seed: 9)
                == ScoreCalibration.bootstrap(scores: small.scores, labels: small.labels, resamples: 50, seed: 9))
    }

    @Test("a thinned curve keeps both ends and at most the limit")
    func thinned() {
        let data = sample(1000, seed: 1)
        let c = ScoreCalibration(scores: data.scores, labels: data.labels)
        let thin = c.thinnedCurve(limit: 100)
        #expect(thin.count == 100)
        #expect(thin.first == c.curve.first && thin.last == c.curve.last)
        #expect(zip(thin, thin.dropFirst()).allSatisfy { $0.threshold > $1.threshold })
    }
}

@Suite struct SphericalKMeansTests {
    @Test("three tight directions are found again, whatever the seed")
    func recoversClusters() {
        var generator = SeededRandom(seed: 5)
        let directions: [[Float]] = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]]
        var points: [[Float]] = [], truth: [Int] = []
        for (d, direction) in directions.enumerated() {
            for _ in 0..<20 {
                points.append(direction.map { $0 * 3 + Float(generator.nextUnit() - 0.5) * 0.2 })
                truth.append(d)
            }
        }
        for seed in [1, 2, 3] as [UInt64] {
            let (centroids, assignment) = SphericalKMeans(clusters: 3, seed: seed).fit(points)
            #expect(centroids.count == 3)
            // Same partition as the truth, up to renaming.
            for i in points.indices { for j in points.indices { #expect((truth[i] == truth[j]) == (assignment[i] == assignment[j])) } }
            #expect(centroids.allSatisfy { abs($0.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4 })
        }
    }

    @Test("asking for more clusters than distinct points gives one per point")
    func fewPoints() {
        let (centroids, assignment) = SphericalKMeans(clusters: 5).fit([[1, 0], [1, 0], [0, 1]])
        #expect(centroids.count == 2)
        #expect(assignment[0] == assignment[1] && assignment[0] != assignment[2])
    }
}
