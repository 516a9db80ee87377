@testable import LikenessAnalysis
import LikenessCore
import LikenessIndex
import LikenessNumerics
import Foundation
import Testing

@Suite struct UMAPTests {
    /// Four blobs in 10 dimensions, far apart.
    let blobs = Blobs(centres: (0..<4).map { b in (0..<10).map { $0 == b ? Float(20) : 0 } }, perBlob: 60, spread: 1, seed: 21)

    @Test func blobsBecomeIslands() throws {
        let map = try UMAP().fit(blobs.points)
        #expect(map.rows == 240 && map.columns == 2 && MapChecks.allFinite(map))
        #expect(MapChecks.nearestNeighbourAccuracy(map, labels: blobs.truth) == 1)
        #expect(MapChecks.separation(map, labels: blobs.truth) > 1)
        #expect(Trustworthiness.score(high: blobs.points, low: map, k: 10) > 0.9)
    }

    @Test func sameSeedSameMap() throws {
        let configuration = UMAP.Configuration(epochs: 100, seed: 7)
        #expect(try UMAP(configuration).fit(blobs.points) == UMAP(configuration).fit(blobs.points))
        #expect(try UMAP(configuration).fit(blobs.points) != UMAP(.init(epochs: 100, seed: 8)).fit(blobs.points))
    }

    /// A passed index gives the same map as the one built inside.
    @Test func usesAGivenIndex() throws {
        var index = ExactVectorIndex(dimension: 10, metric: .l2)
        try index.add(blobs.points.rowArrays)
        let configuration = UMAP.Configuration(epochs: 50)
        #expect(try UMAP(configuration).fit(blobs.points, index: index) == UMAP(configuration).fit(blobs.points))
        let short = ExactVectorIndex(dimension: 10, metric: .l2)
        #expect(throws: FitError.self) { try UMAP(configuration).fit(blobs.points, index: short) }
    }

    @Test func refusesDegenerateInput() throws {
        #expect(throws: FitError.badPoints(.empty)) { try UMAP().fit(Matrix(zeros: 0, columns: 3)) }
        #expect(throws: FitError.tooFewPoints(points: 1, needed: 15)) { try UMAP().fit(Matrix(zeros: 1, columns: 3)) }
        #expect(throws: FitError.tooFewPoints(points: 10, needed: 15)) { try UMAP().fit(blobs.points.selecting(rows: Array(0..<10))) }
        let identical = Matrix(rows: 30, columns: 2, values: Array(repeating: 1.5, count: 60))
        #expect(throws: FitError.self) { try UMAP().fit(identical) }
        var withNaN = blobs.points
        withNaN[17, 3] = .nan
        #expect(throws: FitError.badPoints(.notFinite(row: 17))) { try UMAP().fit(withNaN) }
        #expect(throws: FitError.self) { try UMAP(.init(neighbours: 1)).fit(blobs.points) }
        #expect(throws: FitError.self) { try UMAP(.init(minDistance: 2, spread: 1)).fit(blobs.points) }
    }

    @Test func stopsWhenCancelled() {
        let token = CancellationToken()
        token.cancel()
        #expect(throws: FitError.cancelled) { try UMAP().fit(blobs.points, cancellation: token) }
    }

    /// Duplicates among distinct points are fine: they end up together.
    @Test func toleratesDuplicates() throws {
        let doubled = blobs.points.selecting(rows: Array(0..<120) + Array(0..<120))
        let map = try UMAP(.init(epochs: 100)).fit(doubled)
        #expect(MapChecks.allFinite(map))
    }

    /// umap-learn's `find_ab_params` gives a = 1.5769, b = 0.8951 for min_dist 0.1, spread 1, and
    /// a = 0.2589, b = 1.0575 for min_dist 0.5, spread 2.
    @Test func curveMatchesUmapLearn() {
        let standard = UMAPCurve(minDistance: 0.1, spread: 1)
        #expect(abs(standard.a - 1.57694) < 2e-3 && abs(standard.b - 0.89506) < 2e-3)
        let wide = UMAPCurve(minDistance: 0.5, spread: 2)
        #expect(abs(wide.a - 0.25888) < 2e-3 && abs(wide.b - 1.05750) < 2e-3)
    }

    /// Points on a noisy ring: the spectral layout puts them in ring order (neighbours on the ring
    /// are at nearby angles), densely for a small ring and by subspace iteration for a large one.
    @Test(arguments: [300, 2400]) func spectralLayoutFollowsARing(count: Int) throws {
        var random = SeededRandom(seed: 3)
        var values: [Float] = []
        for i in 0..<count {
            let angle = 2 * Double.pi * Double(i) / Double(count)
            values += [Float(cos(angle)), Float(sin(angle)), Float(0.01 * (random.nextUnit() - 0.5))]
        }
        let points = Matrix(rows: count, columns: 3, values: values)
        let knn = try NeighbourGraph.build(points, k: 14, index: nil)
        let graph = FuzzySimplicialSet.graph(knn, neighbours: 15)
        #expect(graph.componentCount == 1)
        let layout = try #require(SpectralLayout.layout(graph, seed: 1))
        let angles = (0..<count).map { atan2(layout[1][$0], layout[0][$0]) }
        var close = 0
        for i in 0..<count {
            var step = abs(angles[(i + 1) % count] - angles[i])
            step = min(step, 2 * .pi - step)
            if step < 0.2 { close += 1 }
        }
        #expect(Double(close) / Double(count) > 0.95)
    }
}
