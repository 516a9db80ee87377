import Foundation
import LikenessAnalysis
import Testing

/// The AGGD moment-matching fit of BRISQUE on inputs whose answer is known in closed form.
@Suite struct AsymmetricGeneralizedGaussianTests {
    /// n values of an asymmetric Laplace distribution (an AGGD of α = 1) of scale 1 on the right
    /// and `leftScale` on the left, read off its inverse CDF at evenly spaced quantiles: the left
    /// side holds leftScale / (leftScale + 1) of the mass, each side's variance is 2 · scale².
    func laplace(_ n: Int, leftScale: Double = 1) -> [Double] {
        let p = leftScale / (leftScale + 1)
        return (0..<n).map { i in
            let u = (Double(i) + 0.5) / Double(n)
            return u < p ? leftScale * log(u / p) : -log((1 - u) / (1 - p))
        }
    }

    @Test("ρ(α) is 1/2 for the Laplacian (α = 1) and 2/π for the Gaussian (α = 2), and the inverse finds those shapes")
    func ratioAndItsInverse() {
        #expect(abs(AsymmetricGeneralizedGaussian.ratio(shape: 1) - 0.5) < 1e-12)
        #expect(abs(AsymmetricGeneralizedGaussian.ratio(shape: 2) - 2 / Double.pi) < 1e-12)
        #expect(abs(AsymmetricGeneralizedGaussian.shape(forRatio: 0.5) - 1) < 1e-9)
        #expect(abs(AsymmetricGeneralizedGaussian.shape(forRatio: 2 / Double.pi) - 2) < 1e-9)
        // Out of reach: ρ never reaches 3/4, and is near 0 for very peaky shapes.
        #expect(AsymmetricGeneralizedGaussian.shape(forRatio: 0.9) == AsymmetricGeneralizedGaussian.shapeRange.upperBound)
        #expect(AsymmetricGeneralizedGaussian.shape(forRatio: 0) == AsymmetricGeneralizedGaussian.shapeRange.lowerBound)
    }

    @Test("a symmetric Laplace sample fits α ≈ 1, mean ≈ 0 and variance 2 on each side")
    func symmetricLaplace() throws {
        let fit = try #require(AsymmetricGeneralizedGaussian.fit(laplace(200_000)))
        #expect(abs(fit.shape - 1) < 0.01)
        #expect(abs(fit.mean) < 1e-9)
        #expect(abs(fit.leftVariance - 2) < 0.01)
        #expect(abs(fit.rightVariance - 2) < 0.01)
    }

    @Test("a Laplace sample twice as wide on the left fits α ≈ 1, σ²_left = 8, σ²_right = 2 and mean (√2 − √8) · Γ(2)/√(Γ(1)Γ(3)) = −1")
    func asymmetricLaplace() throws {
        let fit = try #require(AsymmetricGeneralizedGaussian.fit(laplace(200_000, leftScale: 2)))
        #expect(abs(fit.shape - 1) < 0.01)
        #expect(abs(fit.leftVariance - 8) < 0.05)
        #expect(abs(fit.rightVariance - 2) < 0.01)
        #expect(abs(fit.mean + 1) < 0.01)
    }

    @Test("four hand-checked values: [−2, −1, 0, 3] split 2 left (σ² 2.5) and 2 right (σ² 4.5)")
    func handChecked() throws {
        // mean |x| = 1.5, mean x² = 3.5, r̂ = 2.25 / 3.5; γ̂ = √2.5 / √4.5.
        let fit = try #require(AsymmetricGeneralizedGaussian.fit([-2, -1, 0, 3]))
        #expect(abs(fit.leftVariance - 2.5) < 1e-12)
        #expect(abs(fit.rightVariance - 4.5) < 1e-12)
        let g = (2.5 / 4.5).squareRoot(), r = 2.25 / 3.5
        let target = r * (g * g * g + 1) * (g + 1) / ((g * g + 1) * (g * g + 1))
        #expect(abs(AsymmetricGeneralizedGaussian.ratio(shape: fit.shape) - target) < 1e-10)
    }

    @Test("nothing to fit: all zeros, or one side empty")
    func degenerate() {
        #expect(AsymmetricGeneralizedGaussian.fit([0, 0, 0]) == nil)
        #expect(AsymmetricGeneralizedGaussian.fit([1, 2, 3]) == nil)
        #expect(AsymmetricGeneralizedGaussian.fit([Double]()) == nil)
    }

    @Test("sums over a row in four lanes give the counts exactly and the sums to rounding, products and leftovers included",
          arguments: [0, 1, 3, 4, 7, 1001])
    func rowSums(count: Int) {
        let a = laplace(count, leftScale: 2), b = laplace(count).reversed().map { $0 }
        var oneByOne = AsymmetricGeneralizedGaussian.Moments(), products = oneByOne
        for i in 0..<count { oneByOne.add(a[i]); products.add(a[i] * b[i]) }
        var row = AsymmetricGeneralizedGaussian.Moments(), rowProducts = row
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                row.add(a.baseAddress!, count: count)
                rowProducts.add(a.baseAddress!, times: b.baseAddress!, count: count)
            }
        }
        for (lanes, single) in [(row, oneByOne), (rowProducts, products)] {
            #expect(lanes.leftCount == single.leftCount && lanes.rightCount == single.rightCount)
            #expect(abs(lanes.absoluteSum - single.absoluteSum) <= 1e-12 * max(1, single.absoluteSum))
            #expect(abs(lanes.leftSquares - single.leftSquares) <= 1e-12 * max(1, single.leftSquares))
            #expect(abs(lanes.rightSquares - single.rightSquares) <= 1e-12 * max(1, single.rightSquares))
        }
        #expect(row.leftCount + row.rightCount == count)
    }
}
