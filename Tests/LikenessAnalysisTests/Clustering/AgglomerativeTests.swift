import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Testing

@Suite struct AgglomerativeTests {
    /// On 0, 1, 5, 6, 20 both linkages first join {0, 1} and {5, 6} (Ward increase 0.5 each), then
    /// those two (Ward 25, average 5) before 20 (Ward 140.2, average 14.5).
    @Test(arguments: Agglomerative.Linkage.allCases)
    func cutsTheDendrogramByHand(linkage: Agglomerative.Linkage) throws {
        let points = try Matrix(checking: [[0], [1], [5], [6], [20]])
        #expect(try Agglomerative(.init(k: 2, linkage: linkage)).fit(points).labels == [0, 0, 0, 0, 1])
        #expect(try Agglomerative(.init(k: 3, linkage: linkage)).fit(points).labels == [0, 0, 1, 1, 2])
        #expect(try Agglomerative(.init(k: 5, linkage: linkage)).fit(points).clusterCount == 5)
        #expect(try Agglomerative(.init(k: 1, linkage: linkage)).fit(points).labels == [0, 0, 0, 0, 0])
    }

    @Test(arguments: Agglomerative.Linkage.allCases)
    func recoversBlobs(linkage: Agglomerative.Linkage) throws {
        let blobs = Blobs(centres: [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], perBlob: 40, spread: 0.7, seed: 41)
        let labels = try Agglomerative(.init(k: 4, linkage: linkage)).fit(blobs.points)
        #expect(blobs.isRecovered(by: labels))
    }

    @Test func degenerateInputs() throws {
        #expect(throws: FitError.tooFewPoints(points: 2, needed: 3)) { try Agglomerative(.init(k: 3)).fit(try Matrix(checking: [[0], [1]])) }
        #expect(throws: FitError.tooManyPoints(points: Agglomerative.limit + 1, limit: Agglomerative.limit)) {
            try Agglomerative(.init(k: 2)).fit(Matrix(zeros: Agglomerative.limit + 1, columns: 1))
        }
        #expect(throws: FitError.badPoints(.notFinite(row: 1))) { try Agglomerative(.init(k: 1)).fit(Matrix(rows: 2, columns: 1, values: [0, .nan])) }
        #expect(try Agglomerative(.init(k: 1)).fit(try Matrix(checking: [[3, 4]])).labels == [0])
        let same = try Agglomerative(.init(k: 2, linkage: .average)).fit(try Matrix(checking: Array(repeating: [1, 1], count: 6)))
        #expect(same.clusterCount == 2)
        let token = CancellationToken()
        token.cancel()
        #expect(throws: FitError.cancelled) { try Agglomerative(.init(k: 2)).fit(try Matrix(checking: [[0], [1], [2]]), cancellation: token) }
    }
}
