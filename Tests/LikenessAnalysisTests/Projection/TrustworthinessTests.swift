import LikenessAnalysis
import LikenessCore
import LikenessNumerics
import Testing

@Suite struct TrustworthinessTests {
    /// Points at 2⁰ … 2⁷ on a line (every distance distinct, so no ties), mapped with the last four reversed.
    let line = Matrix(rows: 8, columns: 1, values: (0..<8).map { Float(1 << $0) })
    func map(_ order: [Int]) -> Matrix { Matrix(rows: 8, columns: 1, values: order.map { Float(1 << $0) }) }

    /// By hand for k = 1: points 4…7 land next to 5, 6, 7 and 3, whose original ranks are 5, 6, 7
    /// and 4, so the penalty is 4 + 5 + 6 + 3 = 18 and T = 1 − 2·18 / (8·1·12) = 0.625.
    @Test func handComputed() {
        #expect(abs(Trustworthiness.score(high: line, low: map([0, 1, 2, 3, 7, 6, 5, 4]), k: 1) - 0.625) < 1e-12)
    }

    /// Values of scikit-learn 1.7.2's `trustworthiness` on the same points.
    @Test func agreesWithScikitLearn() {
        let reversed = map([0, 1, 2, 3, 7, 6, 5, 4]), shuffled = map([3, 0, 5, 1, 6, 2, 7, 4])
        for (k, expected) in [(2, 0.625), (3, 0.625)] {
            #expect(abs(Trustworthiness.score(high: line, low: reversed, k: k) - expected) < 1e-12, "k \(k)")
        }
        for (k, expected) in [(1, 0.5416666666666667), (2, 0.5833333333333334), (3, 0.5833333333333334)] {
            #expect(abs(Trustworthiness.score(high: line, low: shuffled, k: k) - expected) < 1e-12, "shuffled, k \(k)")
        }
    }

    /// A map that keeps every distance (here a rotation and shift) is perfectly trustworthy; a map
    /// that scrambles the points is not.
    @Test func isometryScoresOne() {
        let blobs = Blobs(centres: [[0, 0], [5, 5]], perBlob: 40, spread: 1, seed: 4)
        var rotated = blobs.points
        for r in 0..<rotated.rows {
            let x = blobs.points[r, 0], y = blobs.points[r, 1]
            rotated[r, 0] = 0.6 * x - 0.8 * y + 3
            rotated[r, 1] = 0.8 * x + 0.6 * y - 1
        }
        #expect(Trustworthiness.score(high: blobs.points, low: rotated, k: 5) > 0.999)
        var random = SeededRandom(seed: 9)
        let scrambled = blobs.points.selecting(rows: random.shuffled(Array(0..<blobs.points.rows)))
        #expect(Trustworthiness.score(high: blobs.points, low: scrambled, k: 5) < 0.8)
    }

    /// Sampling every point gives the full score; a sample of half estimates it and is seeded.
    @Test func sampledQueries() {
        let blobs = Blobs(centres: [[0, 0, 0], [3, 0, 0]], perBlob: 60, spread: 1, seed: 5)
        let low = blobs.points.selecting(rows: Array(0..<blobs.points.rows)).projectedOnFirstColumns(1)
        let full = Trustworthiness.score(high: blobs.points, low: low, k: 5)
        #expect(Trustworthiness.score(high: blobs.points, low: low, k: 5, sample: 500) == full)
        let half = Trustworthiness.score(high: blobs.points, low: low, k: 5, sample: 60, seed: 3)
        #expect(half == Trustworthiness.score(high: blobs.points, low: low, k: 5, sample: 60, seed: 3))
        #expect(abs(half - full) < 0.05 && full < 0.99)
    }
}

extension Matrix {
    /// The first `count` columns.
    func projectedOnFirstColumns(_ count: Int) -> Matrix {
        Matrix(rows: rows, columns: count, values: (0..<rows).flatMap { r in (0..<count).map { self[r, $0] } })
    }
}
