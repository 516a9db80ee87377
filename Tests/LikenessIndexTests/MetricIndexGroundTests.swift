import LikenessCore
import LikenessIndex
import Testing

@Suite struct MetricIndexGroundTests {
    @Test("with a ground distance, EMD ranks by it: a search and the pairs agree with the measure")
    func groundedRanking() throws {
        // Bins at 0, 10 and 1 on a line: bin 2 lies next to bin 0, bin 1 far away. By the 1-D
        // closed form (bins 0, 1, 2 in order) the ranking would be the other way round.
        let ground = try GroundedEarthMovers(points: [[0], [10], [1]])
        let stored: [[Float]] = [[0, 1, 0], [0, 0, 1]]
        var index = MetricIndex(dimension: 3, metric: .emd, ground: ground)
        try index.add(stored)
        let found = try index.search([[1, 0, 0]], k: 2)[0]
        #expect(found.map(\.id) == [1, 0])
        #expect(abs(Double(found[0].score) - 1) < 1e-6 && abs(Double(found[1].score) - 10) < 1e-6)
        var plain = MetricIndex(dimension: 3, metric: .emd)
        try plain.add(stored)
        #expect(try plain.search([[1, 0, 0]], k: 2)[0].map(\.id) == [0, 1])
        let pairs = index.pairs(within: 9.5)
        #expect(pairs.count == 1 && pairs[0].i == 0 && pairs[0].j == 1 && abs(pairs[0].score - 9) < 1e-9)
        // The ground distance is for EMD only: another metric ignores it.
        #expect(MetricIndex(dimension: 3, metric: .manhattan, ground: ground).ground == nil)
    }
}
