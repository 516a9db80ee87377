import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Testing

@Suite struct PCATests {
    /// Points on a line along (3, 4)/5 with a little noise across: one component carries nearly all variance.
    @Test func findsTheMainAxis() throws {
        var random = SeededRandom(seed: 2)
        var rows: [[Float]] = []
        for _ in 0..<200 {
            let t = Float(random.nextUnit() * 20 - 10), noise = Float(random.nextUnit() - 0.5) * 0.1
            rows.append([1 + 0.6 * t - 0.8 * noise, 2 + 0.8 * t + 0.6 * noise])
        }
        let pca = try PCA(fitting: try Matrix(checking: rows), components: 2)
        #expect(abs(pca.components[0, 0] - 0.6) < 1e-3 && abs(pca.components[0, 1] - 0.8) < 1e-3)
        #expect(pca.explainedVarianceRatio[0] > 0.999)
        #expect(abs(pca.explainedVarianceRatio.reduce(0, +) - 1) < 1e-9)
        let projected = pca.transform(try Matrix(checking: rows))
        // Projected coordinates are centred and their variance is the explained variance.
        let first = (0..<200).map { Double(projected[$0, 0]) }
        let mean = first.reduce(0, +) / 200
        let variance = first.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 199
        #expect(abs(mean) < 1e-3)
        #expect(abs(variance - pca.explainedVariance[0]) / variance < 1e-4)
    }

    @Test func refusesTooLittle() throws {
        #expect(throws: FitError.tooFewPoints(points: 1, needed: 2)) { try PCA(fitting: try Matrix(checking: [[1, 2]]), components: 1) }
        #expect(throws: FitError.self) { try PCA(fitting: try Matrix(checking: [[1, 2], [2, 3]]), components: 0) }
    }
}
