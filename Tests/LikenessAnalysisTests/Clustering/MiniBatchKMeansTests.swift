import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Testing

@Suite struct MiniBatchKMeansTests {
    let blobs = Blobs(centres: [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], perBlob: 500, spread: 1, seed: 51)

    @Test func recoversBlobsNearLloydsInertia() throws {
        let mini = try MiniBatchKMeans(.init(k: 4, batchSize: 100)).fit(blobs.points)
        let lloyd = try KMeans(.init(k: 4)).fit(blobs.points)
        #expect(blobs.isRecovered(by: mini.labels))
        #expect(mini.inertia <= lloyd.inertia * 1.02)
    }

    @Test func sameSeedSameResult() throws {
        let a = try MiniBatchKMeans(.init(k: 3, batchSize: 64, seed: 7)).fit(blobs.points)
        let b = try MiniBatchKMeans(.init(k: 3, batchSize: 64, seed: 7)).fit(blobs.points)
        #expect(a == b)
    }

    @Test func degenerateInputs() throws {
        #expect(throws: FitError.tooFewPoints(points: 2, needed: 3)) { try MiniBatchKMeans(.init(k: 3)).fit(try Matrix(checking: [[0], [1]])) }
        #expect(throws: FitError.self) { try MiniBatchKMeans(.init(k: 2, batchSize: 0)).fit(blobs.points) }
        let same = try MiniBatchKMeans(.init(k: 2)).fit(try Matrix(checking: Array(repeating: [1, 2], count: 10)))
        #expect(same.inertia == 0)
    }
}
