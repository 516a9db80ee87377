import LikenessAnalysis
import LikenessCore
@testable import LikenessEngine
import LikenessNumerics
import Testing

@Suite struct ClusterSummariesTests {
    /// The one-pass medoid (xᵢ · Σx) is the member with the highest summed cosine to all members,
    /// found here by brute force; cohesion is the mean cosine to the normalised mean.
    @Test func medoidAndCohesionMatchBruteForce() throws {
        var random = SeededRandom(seed: 9)
        let rows = (0..<30).map { i -> [Float] in
            (0..<8).map { d in Float(random.nextUnit()) - 0.5 + (d == i % 3 ? 2 : 0) }
        }
        let unit = try Matrix(checking: rows).normalisedRows()
        let labels = ClusterLabels(raw: (0..<30).map { $0 % 3 == 0 ? -1 : $0 % 3 })
        let paths = (0..<30).map { "/p/\($0).png" }
        let clusters = ClusterSummaries.summarise(labels, unit: unit, paths: paths)
        #expect(clusters.count == 2)
        func dot(_ a: Int, _ b: Int) -> Float { (0..<8).reduce(0) { $0 + unit[a, $1] * unit[b, $1] } }
        for (label, members) in labels.members.enumerated() {
            let summed = members.map { i in members.reduce(Float(0)) { $0 + dot(i, $1) } }
            let best = members[summed.indices.max { summed[$0] < summed[$1] }!]
            #expect(clusters[label].medoid == paths[best])
            #expect(clusters[label].members.count == members.count)
            #expect(Set(clusters[label].members) == Set(members.map { paths[$0] }))
            var mean = [Float](repeating: 0, count: 8)
            for i in members { for d in 0..<8 { mean[d] += unit[i, d] } }
            let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let cohesion = members.reduce(Float(0)) { sum, i in sum + (0..<8).reduce(0) { $0 + unit[i, $1] * mean[$1] } / norm } / Float(members.count)
            #expect(abs(clusters[label].cohesion - cohesion) < 1e-5)
        }
    }

    @Test func reductionParsing() throws {
        #expect(try Reduction(argument: "none") == .none)
        #expect(try Reduction(argument: "pca:50") == .pca(50))
        for bad in ["pca", "pca:0", "pca:-3", "umap:2", ""] { #expect(throws: JobError.self) { try Reduction(argument: bad) } }
        #expect(try MapColouring(argument: "cluster:x y") == .cluster("x y"))
        #expect(throws: JobError.self) { try MapColouring(argument: "cluster:") }
    }
}
