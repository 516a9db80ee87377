import Foundation
@testable import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Testing

extension ClusterLabels: ClusterLabelsLike { var rawLabels: [Int] { labels } }

@Suite struct KMeansTests {
    let blobs = Blobs(centres: [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], perBlob: 50, spread: 0.5, seed: 11)

    @Test func recoversSeparatedBlobs() throws {
        let fit = try KMeans(.init(k: 4)).fit(blobs.points)
        #expect(fit.labels.clusterCount == 4)
        #expect(blobs.isRecovered(by: fit.labels))
        #expect(fit.labels.members.map(\.count) == [50, 50, 50, 50])
        // Every centre lies near its blob's true centre, so the inertia is about N·d·spread².
        #expect(fit.inertia > 0.5 * 200 * 3 * 0.25 && fit.inertia < 1.5 * 200 * 3 * 0.25)
    }

    /// One pass over more rows than a block: labels, counts and per-centre sums equal a plain
    /// loop's, and are the same (bit for bit) on 1, 2 and 3 workers; a subset pass labels the
    /// listed rows in list order.
    @Test func passIsExactAndIndependentOfWorkers() {
        let wide = Blobs(centres: [[0, 0, 0, 0, 0, 0, 0, 0, 0], [5, 5, 5, 5, 5, 5, 5, 5, 5], [9, 0, 9, 0, 9, 0, 9, 0, 9]],
                         perBlob: 600, spread: 2, seed: 3)
        let points = wide.points, norms = points.squaredRowNorms
        let centres = points.selecting(rows: [0, 700, 1500])
        var passes: [KMeans.Pass] = [], labelings: [[Int]] = []
        for workers in 1...3 {
            var labels = [Int](repeating: -1, count: points.rows), distances = [Float](repeating: 0, count: points.rows)
            passes.append(KMeans.assign(points, norms: norms, centres: centres, labels: &labels, distances: &distances,
                                        accumulating: true, workers: workers))
            labelings.append(labels)
        }
        #expect(passes[0].sums == passes[1].sums && passes[1].sums == passes[2].sums)
        #expect(labelings[0] == labelings[1] && labelings[1] == labelings[2])
        #expect(passes[0].changed == points.rows)
        var sums = [Double](repeating: 0, count: 3 * points.columns), counts = [0, 0, 0]
        for point in 0..<points.rows {
            let best = (0..<3).min { a, b in
                (0..<points.columns).reduce(0.0) { $0 + pow(Double(points[point, $1] - centres[a, $1]), 2) }
                    < (0..<points.columns).reduce(0.0) { $0 + pow(Double(points[point, $1] - centres[b, $1]), 2) }
            }!
            #expect(labelings[0][point] == best)
            counts[best] += 1
            for c in 0..<points.columns { sums[best * points.columns + c] += Double(points[point, c]) }
        }
        #expect(passes[0].counts == counts)
        for i in sums.indices { #expect(abs(sums[i] - passes[0].sums[i]) < 1e-6 * max(1, abs(sums[i]))) }
        let subset = [1799, 3, 650]
        var labels = [Int](repeating: -1, count: 3), distances = [Float](repeating: 0, count: 3)
        let pass = KMeans.assign(points, norms: norms, centres: centres, labels: &labels, distances: &distances, subset: subset)
        #expect(labels == subset.map { labelings[0][$0] })
        #expect(pass.counts.reduce(0, +) == 3 && pass.sums.isEmpty)
    }

    @Test func sameSeedSameResult() throws {
        let a = try KMeans(.init(k: 3, seed: 5)).fit(blobs.points)
        let b = try KMeans(.init(k: 3, seed: 5)).fit(blobs.points)
        #expect(a == b)
    }

    /// The inertia the fit reports is the sum of squared distances to the centres it returns.
    @Test func inertiaMatchesCentres() throws {
        let fit = try KMeans(.init(k: 5, restarts: 2)).fit(blobs.points)
        var total = 0.0
        for point in 0..<blobs.points.rows {
            let centre = fit.centreOfCluster[fit.labels.labels[point]]
            for c in 0..<3 { let d = Double(blobs.points[point, c] - fit.centres[centre, c]); total += d * d }
        }
        #expect(abs(total - fit.inertia) / total < 1e-3)
    }

    @Test func degenerateInputs() throws {
        #expect(throws: FitError.tooFewPoints(points: 2, needed: 3)) { try KMeans(.init(k: 3)).fit(try Matrix(checking: [[0], [1]])) }
        #expect(throws: FitError.self) { try KMeans(.init(k: 0)).fit(try Matrix(checking: [[0], [1]])) }
        // One point, k = 1.
        let one = try KMeans(.init(k: 1)).fit(try Matrix(checking: [[3, 4]]))
        #expect(one.labels.labels == [0] && one.inertia == 0)
        // Identical points: k = 3 still labels every point, inertia 0.
        let same = try KMeans(.init(k: 3)).fit(try Matrix(checking: Array(repeating: [1, 2], count: 10)))
        #expect(same.inertia == 0)
        #expect(same.labels.labels.allSatisfy { $0 >= 0 })
    }
}
