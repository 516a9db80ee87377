import LikenessCore
import LikenessNumerics
import Testing
@testable import LikenessLearning

/// Triplet mining on hand-made distances, and P × K batches.
@Suite struct MiningTests {
    /// Points on a line: class 0 at 0, 1, 5; class 1 at 2, 3.5, 9.
    let points = Matrix(rows: 6, columns: 1, values: [0, 1, 5, 2, 3.5, 9])
    let labels = [0, 0, 0, 1, 1, 1]

    @Test func squaredDistances() {
        let d = points.squaredDistancesWithin()
        #expect(d[0, 2] == 25 && d[2, 0] == 25 && d[3, 4] == 2.25 && d[4, 4] == 0)
    }

    @Test func batchHardTakesTheFarthestPositiveAndNearestNegative() {
        var random = SeededRandom(seed: 1)
        let triplets = TripletMining.batchHard.triplets(distances: points.squaredDistancesWithin(), labels: labels, random: &random)
        #expect(triplets.count == 6)
        // Anchor 0 (at 0): farthest positive 5 (index 2), nearest negative 2 (index 3).
        #expect(triplets[0] == Triplet(anchor: 0, positive: 2, negative: 3))
        // Anchor 4 (at 3.5): farthest positive 9 (index 5), nearest negative 5 (index 2).
        #expect(triplets[4] == Triplet(anchor: 4, positive: 5, negative: 2))
    }

    @Test func semiHardTakesTheNearestNegativeBeyondThePositive() {
        var random = SeededRandom(seed: 1)
        let triplets = TripletMining.semiHard.triplets(distances: points.squaredDistancesWithin(), labels: labels, random: &random)
        // Every anchor with each of its two positives.
        #expect(triplets.count == 12)
        // Anchor 0, positive 1 (d² 1): negatives at d² 4, 12.25, 81; the nearest beyond is index 3.
        #expect(triplets.contains(Triplet(anchor: 0, positive: 1, negative: 3)))
        // Anchor 0, positive 2 (d² 25): only index 5 (d² 81) lies beyond.
        #expect(triplets.contains(Triplet(anchor: 0, positive: 2, negative: 5)))
        // Anchor 5 (at 9), positive 3 (d² 49): negatives at d² 81, 64, 16; beyond: 81 (index 0) and 64 (index 1) → index 1.
        #expect(triplets.contains(Triplet(anchor: 5, positive: 3, negative: 1)))
        // Anchor 3 (at 2), positive 5 (d² 49): negatives at d² 4, 1, 9, none beyond → the farthest, index 2.
        #expect(triplets.contains(Triplet(anchor: 3, positive: 5, negative: 2)))
    }

    @Test func randomTripletsRespectTheLabels() {
        var random = SeededRandom(seed: 4)
        let triplets = TripletMining.random.triplets(distances: points.squaredDistancesWithin(), labels: labels, random: &random)
        #expect(triplets.count == 6)
        for t in triplets {
            #expect(labels[t.anchor] == labels[t.positive] && t.anchor != t.positive)
            #expect(labels[t.anchor] != labels[t.negative])
        }
        var again = SeededRandom(seed: 4)
        #expect(TripletMining.random.triplets(distances: points.squaredDistancesWithin(), labels: labels, random: &again) == triplets)
    }

    @Test func anchorsWithoutAPositiveAreLeftOut() {
        var random = SeededRandom(seed: 1)
        let triplets = TripletMining.batchHard.triplets(distances: points.squaredDistancesWithin(), labels: [0, 0, 1, 2, 2, 2], random: &random)
        #expect(!triplets.contains { $0.anchor == 2 })
        #expect(triplets.count == 5)
    }

    @Test func batchesHoldPClassesOfKExamples() {
        let labels = (0..<300).map { $0 % 5 == 4 ? 4 : $0 % 4 }   // class 4 smaller than the rest
        var sampler = ClassBatchSampler(labels: labels, batchSize: 32, seed: 9)
        #expect(sampler.classesPerBatch == 5 && sampler.examplesPerClass == 6)
        #expect(sampler.batchesPerEpoch == 10)
        var again = ClassBatchSampler(labels: labels, batchSize: 32, seed: 9)
        for _ in 0..<20 {
            let batch = sampler.next()
            #expect(batch == again.next())
            #expect(batch.count == 30)
            let counts = Dictionary(batch.map { (labels[$0], 1) }, uniquingKeysWith: +)
            #expect(counts.count == 5 && counts.values.allSatisfy { $0 == 6 })
        }
        // Two classes of a batch of 4 when there are many classes.
        let many = ClassBatchSampler(labels: Array(0..<40).map { $0 / 2 }, batchSize: 4, seed: 1)
        #expect(many.classesPerBatch == 2 && many.examplesPerClass == 2)
    }
}
