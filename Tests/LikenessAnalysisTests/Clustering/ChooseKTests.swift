import LikenessAnalysis
import LikenessNumerics
import Testing

@Suite struct ChooseKTests {
    @Test func picksTheNumberOfBlobs() throws {
        let blobs = Blobs(centres: [[0, 0], [12, 0], [0, 12], [12, 12]], perBlob: 100, spread: 1, seed: 61)
        let choice = try KMeans.chooseK(blobs.points, candidates: 2...7, sample: 300, seed: 2)
        #expect(choice.k == 4)
        #expect(choice.scores.map(\.k) == Array(2...7))
        #expect(choice.scores.allSatisfy { $0.silhouette <= choice.scores.first { $0.k == 4 }!.silhouette })
        #expect(choice.sample == 300)
    }

    @Test func degenerateInputs() throws {
        let points = try Matrix(checking: [[0], [1], [2]])
        #expect(throws: FitError.self) { try KMeans.chooseK(points, candidates: 1...3, sample: 10, seed: 1) }
        #expect(throws: FitError.tooFewPoints(points: 3, needed: 4)) { try KMeans.chooseK(points, candidates: 3...4, sample: 10, seed: 1) }
        // ks above N − 1 are skipped.
        #expect(try KMeans.chooseK(points, candidates: 2...9, sample: 10, seed: 1).scores.map(\.k) == [2])
    }
}
