import Foundation

/// An asymmetric generalised Gaussian distribution (AGGD) fitted by moment matching, as BRISQUE
/// fits its MSCN coefficients and their neighbour products (Lasmar, Stitou, Berthoumieu 2009).
///
/// The fit reads only five sums (see ``Moments``): the left and right scales are the root mean
/// squares of the negative and the non-negative values, and the shape α solves
/// ρ(α) = Γ(2/α)² / (Γ(1/α) Γ(3/α)) = R̂, where R̂ = r̂ (γ̂³ + 1)(γ̂ + 1) / (γ̂² + 1)², r̂ = (mean |x|)² / mean x²
/// and γ̂ = σ_left / σ_right. ρ rises monotonically from 0 towards 3/4, so the root is found by
/// bisection in log α over ``shapeRange`` (the reference package runs a root finder from α = 0.2;
/// both land on the same root to about 10⁻⁸).
public struct AsymmetricGeneralizedGaussian: Sendable, Equatable {
    /// α: 2 is Gaussian, 1 Laplacian; lower is peakier with heavier tails.
    public var shape: Double
    /// The distribution's mean, (σ_right − σ_left) · Γ(2/α) / √(Γ(1/α) Γ(3/α)).
    public var mean: Double
    /// σ²_left and σ²_right: mean squares of the negative and the non-negative values.
    public var leftVariance: Double
    public var rightVariance: Double

    /// Shapes the fit can return; an R̂ beyond ρ at either end gives that end.
    public static let shapeRange = 0.05...20.0

    /// The sums an AGGD fit needs, accumulated one value at a time.
    public struct Moments: Sendable, Equatable {
        public private(set) var absoluteSum = 0.0
        public private(set) var leftSquares = 0.0
        public private(set) var leftCount = 0
        public private(set) var rightSquares = 0.0
        public private(set) var rightCount = 0

        public init() {}

        /// Adds `x` (negative values go left, zero and positive right, as the reference splits them).
        ///
        /// Written without a branch (signs of image statistics are as good as random): the side
        /// that does not take `x` adds zero, which leaves its non-negative sum bit for bit as it was.
        @inline(__always)
        public mutating func add(_ x: Double) {
            absoluteSum += abs(x)
            let square = x * x, left = x < 0
            leftSquares += left ? square : 0
            rightSquares += left ? 0 : square
            leftCount &+= left ? 1 : 0
            rightCount &+= left ? 0 : 1
        }

        /// Adds `a[i] × b[i]` for each `i` below `count`, or `a[i]` when `b` is nil.
        ///
        /// The values are summed in four lanes (`i` modulo 4) of SIMD vectors, without a branch,
        /// and the lanes are added together at the end; the sums can differ from adding one value at
        /// a time by rounding (about 1e-16 relative per value). Counts are exact.
        public mutating func add(_ a: UnsafePointer<Double>, times b: UnsafePointer<Double>? = nil, count: Int) {
            var absolute = SIMD4<Double>(), left = absolute, right = absolute, negatives = absolute
            let whole = count & ~3
            var i = 0
            while i < whole {
                var v = SIMD4(a[i], a[i &+ 1], a[i &+ 2], a[i &+ 3])
                if let b { v *= SIMD4(b[i], b[i &+ 1], b[i &+ 2], b[i &+ 3]) }
                let negative = v .< 0, square = v * v
                absolute += v.replacing(with: -v, where: negative)
                left += square.replacing(with: 0, where: .!negative)
                right += square.replacing(with: 0, where: negative)
                negatives += SIMD4(repeating: 1).replacing(with: 0, where: .!negative)
                i &+= 4
            }
            for lane in 0..<4 {
                absoluteSum += absolute[lane]
                leftSquares += left[lane]
                rightSquares += right[lane]
            }
            let leftValues = Int(negatives.sum())
            leftCount &+= leftValues
            rightCount &+= whole - leftValues
            while i < count {
                add(b.map { a[i] * $0[i] } ?? a[i])
                i &+= 1
            }
        }
    }

    public init(shape: Double, mean: Double, leftVariance: Double, rightVariance: Double) {
        self.shape = shape
        self.mean = mean
        self.leftVariance = leftVariance
        self.rightVariance = rightVariance
    }

    /// Fits `values`; nil when a side is empty or all values are zero (no distribution to fit).
    public static func fit(_ values: some Sequence<Double>) -> AsymmetricGeneralizedGaussian? {
        var moments = Moments()
        for x in values { moments.add(x) }
        return fit(moments)
    }

    /// Fits the distribution whose sums are `m`; nil when a side is empty or has no energy.
    public static func fit(_ m: Moments) -> AsymmetricGeneralizedGaussian? {
        guard m.leftCount > 0, m.rightCount > 0, m.leftSquares > 0, m.rightSquares > 0 else { return nil }
        let n = Double(m.leftCount + m.rightCount)
        let leftVariance = m.leftSquares / Double(m.leftCount), rightVariance = m.rightSquares / Double(m.rightCount)
        let meanAbsolute = m.absoluteSum / n
        let r = meanAbsolute * meanAbsolute / ((m.leftSquares + m.rightSquares) / n)
        let g = leftVariance.squareRoot() / rightVariance.squareRoot()
        let target = r * (g * g * g + 1) * (g + 1) / ((g * g + 1) * (g * g + 1))
        let alpha = shape(forRatio: target)
        let mean = (rightVariance.squareRoot() - leftVariance.squareRoot())
            * tgamma(2 / alpha) / (tgamma(1 / alpha) * tgamma(3 / alpha)).squareRoot()
        return AsymmetricGeneralizedGaussian(shape: alpha, mean: mean, leftVariance: leftVariance, rightVariance: rightVariance)
    }

    /// ρ(α) = Γ(2/α)² / (Γ(1/α) Γ(3/α)): (mean |x|)² / mean x² of a generalised Gaussian of shape α.
    public static func ratio(shape alpha: Double) -> Double {
        let g2 = tgamma(2 / alpha)
        return g2 * g2 / (tgamma(1 / alpha) * tgamma(3 / alpha))
    }

    /// The α in ``shapeRange`` with ρ(α) = `target`, by bisection in log α.
    public static func shape(forRatio target: Double) -> Double {
        var low = log(shapeRange.lowerBound), high = log(shapeRange.upperBound)
        if !(target > ratio(shape: exp(low))) { return shapeRange.lowerBound }
        if !(target < ratio(shape: exp(high))) { return shapeRange.upperBound }
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if ratio(shape: exp(middle)) < target { low = middle } else { high = middle }
            if high - low < 1e-14 { break }
        }
        return exp((low + high) / 2)
    }
}
