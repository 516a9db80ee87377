import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Testing

@Suite struct DBSCANGraphTests {
    @Test("DBSCAN over the exact ε-pairs of a point set gives the vector fit's labels")
    func graphEqualsVectorFit() throws {
        for seed in UInt64(1)...6 {
            var random = SeededRandom(seed: seed)
            let n = 160
            // Three blobs and scattered noise in the plane.
            let rows: [[Float]] = (0..<n).map { index in
                let centre: (Float, Float) = [(0, 0), (6, 1), (2, 7), (20, 20)][index % 4]
                let spread: Float = index % 4 == 3 ? 12 : 1.2
                return [centre.0 + spread * Float(random.nextUnit() - 0.5), centre.1 + spread * Float(random.nextUnit() - 0.5)]
            }
            let eps: Float = 0.45, minSamples = 4
            var pairs: [(i: Int, j: Int)] = []
            for i in 0..<n {
                for j in (i + 1)..<n {
                    let dx = rows[i][0] - rows[j][0], dy = rows[i][1] - rows[j][1]
                    if (dx * dx + dy * dy).squareRoot() <= eps { pairs.append((j, i)) }   // reversed order on purpose
                }
            }
            pairs += pairs.prefix(10)   // repeats must not count twice
            let dbscan = DBSCAN(.init(eps: eps, minSamples: minSamples))
            let graph = try dbscan.fit(count: n, neighbourPairs: pairs)
            let vectors = try dbscan.fit(try Matrix(checking: rows))
            #expect(graph == vectors, "seed \(seed)")
            #expect(graph.clusterCount >= 2, "seed \(seed): the blobs should form clusters")
        }
    }

    @Test("no edges: every point is noise unless min-samples is 1; bad input is a typed error")
    func edgeCases() throws {
        let alone = try DBSCAN(.init(eps: 1, minSamples: 2)).fit(count: 4, neighbourPairs: [])
        #expect(alone.clusterCount == 0 && alone.noisePoints == [0, 1, 2, 3])
        let singletons = try DBSCAN(.init(eps: 1, minSamples: 1)).fit(count: 3, neighbourPairs: [(0, 1)])
        #expect(singletons.clusterCount == 2 && singletons.labels[0] == singletons.labels[1])
        #expect(throws: FitError.self) { try DBSCAN(.init(eps: 1, minSamples: 2)).fit(count: 2, neighbourPairs: [(0, 5)]) }
        #expect(throws: FitError.self) { try DBSCAN(.init(eps: 1, minSamples: 0)).fit(count: 2, neighbourPairs: []) }
        #expect(throws: FitError.self) { try DBSCAN(.init(eps: 1, minSamples: 2)).fit(count: 0, neighbourPairs: []) }
    }
}
