import Foundation
import Testing
import LikenessCore
@testable import LikenessNumerics

@Suite struct MatrixProductTests {
    /// A naive triple loop is the reference for every transpose combination.
    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func productMatchesNaive(transposeA: Bool, transposeB: Bool) {
        var random = SeededRandom(seed: 7)
        let (m, k, n) = (5, 7, 3)
        let a = Matrix(rows: transposeA ? k : m, columns: transposeA ? m : k, values: (0..<(m * k)).map { _ in Float(random.nextUnit()) - 0.5 })
        let b = Matrix(rows: transposeB ? n : k, columns: transposeB ? k : n, values: (0..<(k * n)).map { _ in Float(random.nextUnit()) - 0.5 })
        let c = BLAS.product(a, b, transposingA: transposeA, transposingB: transposeB)
        #expect(c.rows == m && c.columns == n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for l in 0..<k { sum += (transposeA ? a[l, i] : a[i, l]) * (transposeB ? b[j, l] : b[l, j]) }
                #expect(abs(c[i, j] - sum) < 1e-5)
            }
        }
    }

    @Test func checkingRefusesBadVectors() {
        #expect(throws: MatrixError.empty) { try Matrix(checking: []) }
        #expect(throws: MatrixError.ragged(row: 1, length: 1, expected: 2)) { try Matrix(checking: [[1, 2], [3]]) }
        #expect(throws: MatrixError.notFinite(row: 2)) { try Matrix(checking: [[1, 2], [3, 4], [.nan, 0]]) }
        #expect(throws: MatrixError.notFinite(row: 0)) { try Matrix(checking: [[.infinity, 2]]) }
    }

    @Test func rowHelpers() throws {
        let m = try Matrix(checking: [[3, 4], [0, 0], [1, 1]])
        #expect(m.squaredRowNorms == [25, 0, 2])
        #expect(m.normalisedRows().row(0) == [0.6, 0.8])
        #expect(m.normalisedRows().row(1) == [0, 0])
        #expect(m.selecting(rows: [2, 0]).rowArrays == [[1, 1], [3, 4]])
        #expect(m.columnMeans == [4.0 / 3, 5.0 / 3])
    }
}

@Suite struct SymmetricEigenTests {
    /// A diagonal matrix's eigenpairs are its entries and the unit axes.
    @Test func diagonal() throws {
        let eigen = try SymmetricEigen(symmetric: [1, 0, 0, 0, 5, 0, 0, 0, 3], n: 3, largest: 2)
        #expect(eigen.values.count == 2)
        #expect(abs(eigen.values[0] - 5) < 1e-12 && abs(eigen.values[1] - 3) < 1e-12)
        #expect(eigen.vectors[0].map { abs($0) } == [0, 1, 0])
        #expect(eigen.vectors[1].map { abs($0) } == [0, 0, 1])
    }

    /// A · v = λ · v for a random symmetric matrix, vectors unit length and signs fixed.
    @Test func randomSymmetric() throws {
        var random = SeededRandom(seed: 3)
        let n = 6
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { let v = random.nextUnit() - 0.5; a[i * n + j] = v; a[j * n + i] = v } }
        let eigen = try SymmetricEigen(symmetric: a, n: n, largest: n)
        #expect(eigen.values == eigen.values.sorted(by: >))
        for (value, vector) in zip(eigen.values, eigen.vectors) {
            #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-9)
            #expect(vector.max(by: { abs($0) < abs($1) })! > 0)
            for i in 0..<n {
                let av = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * vector[$1] }
                #expect(abs(av - value * vector[i]) < 1e-9)
            }
        }
    }
}

@Suite struct NearestCentresTests {
    /// Sizes that exercise the four-centre blocks, the single-centre tail and the scalar tail of
    /// the eight-lane loop, against a plain loop in double precision.
    @Test(arguments: [(1, 1), (3, 7), (4, 8), (6, 13), (11, 40)])
    func matchesBruteForce(k: Int, d: Int) {
        var random = SeededRandom(seed: UInt64(k * 100 + d))
        let centres = Matrix(rows: k, columns: d, values: (0..<(k * d)).map { _ in Float(random.nextUnit()) * 2 - 1 })
        let nearest = NearestCentres(centres)
        #expect(nearest.count == k && nearest.dimension == d)
        for _ in 0..<20 {
            let point = (0..<d).map { _ in Float(random.nextUnit()) * 2 - 1 }
            let norm = point.reduce(Float(0)) { $0 + $1 * $1 }
            let expected = (0..<k).map { c in (0..<d).reduce(0.0) { $0 + pow(Double(point[$1] - centres[c, $1]), 2) } }
            var out = [Float](repeating: -1, count: k)
            point.withUnsafeBufferPointer { p in
                out.withUnsafeMutableBufferPointer { nearest.squaredDistances(from: p.baseAddress!, squaredNorm: norm, into: $0.baseAddress!) }
                let found = nearest.nearest(to: p.baseAddress!, squaredNorm: norm)
                let best = expected.indices.min { expected[$0] < expected[$1] }!
                #expect(abs(expected[found.centre] - expected[best]) < 1e-4)
                #expect(abs(Double(found.squaredDistance) - expected[best]) < 1e-4)
            }
            for c in 0..<k { #expect(abs(Double(out[c]) - expected[c]) < 1e-4) }
        }
    }

    /// Ties go to the lowest index, and a point on a centre is at distance zero, never negative.
    @Test func tiesAndZero() {
        let centres = Matrix(rows: 5, columns: 3, values: [1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0])
        let nearest = NearestCentres(centres)
        let point: [Float] = [1, 0, 0]
        point.withUnsafeBufferPointer { p in
            let found = nearest.nearest(to: p.baseAddress!, squaredNorm: 1)
            #expect(found.centre == 0)
            #expect(found.squaredDistance == 0)
        }
    }
}
