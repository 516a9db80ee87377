import Foundation

/// A trained ε-support-vector regression with a radial basis kernel, as libsvm predicts with it:
/// f(x) = Σᵢ cᵢ · exp(−γ ‖x − sᵢ‖²) − ρ.
///
/// Support vectors are held row-major in one array. A prediction is count × dimension
/// multiply-adds (BRISQUE's model: 770 × 36, about 28 thousand), a plain loop the compiler
/// vectorises; a BLAS call would cost more in setup than it saves.
public struct SupportVectorRegression: Sendable, Equatable {
    /// Features per vector.
    public let dimension: Int
    /// γ of the kernel exp(−γ ‖x − s‖²).
    public let gamma: Double
    /// ρ, subtracted from the kernel sum (libsvm's sign convention).
    public let rho: Double
    /// cᵢ, one per support vector (libsvm's `sv_coef`, the dual coefficients α − α*).
    public let coefficients: [Double]
    /// The support vectors, row-major: `coefficients.count × dimension` values.
    public let supportVectors: [Double]

    public init(dimension: Int, gamma: Double, rho: Double, coefficients: [Double], supportVectors: [Double]) {
        precondition(dimension > 0 && supportVectors.count == coefficients.count * dimension,
                     "support vectors must hold coefficients.count × dimension values")
        self.dimension = dimension
        self.gamma = gamma
        self.rho = rho
        self.coefficients = coefficients
        self.supportVectors = supportVectors
    }

    /// Support vectors in the model.
    public var count: Int { coefficients.count }

    /// f(x) for a feature vector of ``dimension`` values.
    public func predict(_ x: [Double]) -> Double {
        precondition(x.count == dimension, "expected \(dimension) features, got \(x.count)")
        let d = dimension
        var total = 0.0
        supportVectors.withUnsafeBufferPointer { vectors in
            x.withUnsafeBufferPointer { x in
                for i in 0..<coefficients.count {
                    let row = i * d
                    var distance = 0.0
                    for j in 0..<d {
                        let difference = x[j] - vectors[row + j]
                        distance += difference * difference
                    }
                    total += coefficients[i] * exp(-gamma * distance)
                }
            }
        }
        return total - rho
    }
}

