import LikenessAnalysis
import LikenessNumerics
import Testing

@Suite struct ClusterSummaryTests {
    /// Points 0, 1, 2, 3, 10: summed distances 16, 13, 12, 13, 34, so the medoid is the point at 2;
    /// the centroid is 3.2 and the mean distance to it (3.2 + 2.2 + 1.2 + 0.2 + 6.8) / 5 = 2.72.
    @Test func medoidAndCohesionByHand() throws {
        let points = try Matrix(checking: [[0], [1], [2], [3], [10], [100], [101]])
        let labels = ClusterLabels(raw: [4, 4, 4, 4, 4, 8, 8])
        let summaries = try ClusterSummary.summarise(points, labels: labels)
        #expect(summaries.count == 2)
        #expect(summaries[0].size == 5 && summaries[0].medoid == 2)
        #expect(abs(summaries[0].meanDistanceToCentroid - 2.72) < 1e-5)
        #expect(abs(summaries[0].meanDistanceToMedoid - 2.4) < 1e-5)   // (2 + 1 + 0 + 1 + 8) / 5
        #expect(summaries[1].size == 2 && summaries[1].medoid == 5)
        #expect(abs(summaries[1].meanDistanceToCentroid - 0.5) < 1e-6)
    }

    /// A sampled medoid of a big blob still lies near the blob's centre.
    @Test func sampledMedoidIsCentral() throws {
        let blobs = Blobs(centres: [[0, 0, 0]], perBlob: 3000, spread: 1, seed: 4)
        let summary = try ClusterSummary.summarise(blobs.points, labels: ClusterLabels(raw: blobs.truth), medoidSample: 500)[0]
        let medoid = blobs.points.row(summary.medoid)
        #expect(medoid.map { $0 * $0 }.reduce(0, +).squareRoot() < 0.6)
        #expect(abs(summary.meanDistanceToCentroid - 1.596) < 0.1)   // E‖N(0, I₃)‖ = 2√(2/π)
    }
}
