import LikenessCore
import LikenessIndex
import LikenessTestSupport
import Testing

/// ``ExactVectorIndex`` against the shared index contract, exactly, with tile sizes that put the
/// data and the query batches on and around tile edges.
@Suite struct ExactVectorIndexConformanceTests {
    /// Tile sizes for the index and the data sizes that straddle them.
    struct Tiling: Sendable, CustomTestStringConvertible {
        var queryTile: Int
        var rowTile: Int
        var sizes: [Int]
        var queryCounts: [Int]

        var testDescription: String { "queryTile \(queryTile), rowTile \(rowTile)" }
    }

    static let tilings = [
        // One score per tile: every tie and every sum crosses a tile edge.
        Tiling(queryTile: 1, rowTile: 1, sizes: [1, 2, 3], queryCounts: [1, 2]),
        Tiling(queryTile: 3, rowTile: 5, sizes: [4, 5, 6, 10, 11], queryCounts: [2, 3, 4, 7]),
        Tiling(queryTile: 8, rowTile: 64, sizes: [63, 64, 65, 129], queryCounts: [7, 8, 9, 17]),
        // The defaults: one row tile; query batches around one query tile.
        Tiling(queryTile: 256, rowTile: 4096, sizes: [1, 129], queryCounts: [1, 257]),
    ]

    @Test("the index contract holds exactly", arguments: tilings, VectorIndexConformance.checks(for: .exact))
    func conforms(tiling: Tiling, check: VectorIndexConformance.Check) throws {
        let suite = VectorIndexConformance(expectation: .exact, sizes: tiling.sizes, queryCounts: tiling.queryCounts) { dimension, metric in
            ExactVectorIndex(dimension: dimension, metric: metric, queryTile: tiling.queryTile, rowTile: tiling.rowTile)
        }
        try suite.run(check)
    }

    @Test("the recall mode passes the exact index at recall 1", arguments: VectorIndexConformance.checks(for: .recall(atLeast: 1)))
    func recallMode(check: VectorIndexConformance.Check) throws {
        #expect(!VectorIndexConformance.checks(for: .recall(atLeast: 1)).contains(.ties), "ties are for exact indexes")
        let suite = VectorIndexConformance(expectation: .recall(atLeast: 1), sizes: [9, 40], queryCounts: [1, 5]) { dimension, metric in
            ExactVectorIndex(dimension: dimension, metric: metric, queryTile: 4, rowTile: 16)
        }
        try suite.run(check)
    }
}
