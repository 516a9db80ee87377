import Foundation

/// The parameters a, b of UMAP's low-dimensional similarity 1 / (1 + a·d^(2b)), fitted by least
/// squares (Levenberg–Marquardt) to the curve that is 1 up to `minDistance` and
/// exp(−(d − minDistance) / spread) beyond, on 300 points of [0, 3·spread], as umap-learn's
/// `find_ab_params` does with SciPy's `curve_fit`.
struct UMAPCurve: Sendable, Equatable {
    let a: Double
    let b: Double

    init(minDistance: Double, spread: Double) {
        let xs = (0..<300).map { 3 * spread * Double($0) / 299 }
        let ys = xs.map { $0 < minDistance ? 1 : exp(-($0 - minDistance) / spread) }
        func residuals(_ a: Double, _ b: Double) -> Double {
            zip(xs, ys).reduce(0) { sum, point in
                let r = 1 / (1 + a * pow(point.0, 2 * b)) - point.1
                return sum + r * r
            }
        }
        var a = 1.0, b = 1.0, lambda = 1e-3
        var cost = residuals(a, b)
        for _ in 0..<200 {
            // Normal equations JᵀJ δ = −Jᵀr for the two parameters.
            var jaa = 0.0, jab = 0.0, jbb = 0.0, ga = 0.0, gb = 0.0
            for (x, y) in zip(xs, ys) where x > 0 {
                let power = pow(x, 2 * b), f = 1 / (1 + a * power)
                let r = f - y
                let da = -power * f * f
                let db = -a * power * 2 * log(x) * f * f
                jaa += da * da; jab += da * db; jbb += db * db
                ga += da * r; gb += db * r
            }
            let daa = jaa * (1 + lambda), dbb = jbb * (1 + lambda)
            let determinant = daa * dbb - jab * jab
            guard determinant != 0 else { break }
            let stepA = -(dbb * ga - jab * gb) / determinant
            let stepB = -(daa * gb - jab * ga) / determinant
            let trialA = a + stepA, trialB = b + stepB
            let trial = trialA > 0 && trialB > 0 ? residuals(trialA, trialB) : .infinity
            if trial < cost {
                let improvement = cost - trial
                (a, b, cost) = (trialA, trialB, trial)
                lambda = max(lambda / 10, 1e-12)
                if improvement < 1e-14 { break }
            } else {
                lambda *= 10
                if lambda > 1e12 { break }
            }
        }
        self.a = a
        self.b = b
    }
}
