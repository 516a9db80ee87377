import Foundation
import LikenessCore

/// BRISQUE's trained scorer: the feature scaling and the support-vector regression that map the
/// 36 ``BRISQUE`` features to a score, about 0 (pristine) to 100 (badly distorted); lower is better.
///
/// The model is the one the `brisque` 0.2.0 package ships (`svm.txt`, `normalize.pickle`, trained
/// on LIVE), turned into JSON by scripts/brisque/convert_model.py when setup runs. The JSON layout:
///
/// ```
/// { "format": "likeness-brisque-svr", "version": 1, "source": "...",
///   "gamma": γ, "rho": ρ,
///   "featureMinimum": [36 numbers], "featureMaximum": [36 numbers],
///   "coefficients": [n numbers], "supportVectors": [n arrays of 36 numbers] }
/// ```
///
/// Each feature is scaled to −1 + 2 (x − min) / (max − min) before the regression.
public struct BRISQUEModel: Sendable, Equatable {
    /// The value of `"format"` this code reads, and its `"version"`.
    public static let format = "likeness-brisque-svr"
    public static let version = 1

    public let featureMinimum: [Double]
    public let featureMaximum: [Double]
    public let regression: SupportVectorRegression

    public init(featureMinimum: [Double], featureMaximum: [Double], regression: SupportVectorRegression) {
        precondition(featureMinimum.count == regression.dimension && featureMaximum.count == regression.dimension,
                     "one minimum and one maximum per feature")
        self.featureMinimum = featureMinimum
        self.featureMaximum = featureMaximum
        self.regression = regression
    }

    /// Reads the JSON layout above; `path` only names the file in errors.
    /// - Throws: ``BRISQUEModelError/corrupt(path:reason:)`` for anything but a well-formed model of 36 features.
    public init(json: Data, path: String? = nil) throws(BRISQUEModelError) {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: json) } catch {
            throw .corrupt(path: path, reason: "not a model file (\(error))")
        }
        let d = BRISQUE.featureCount
        func corrupt(_ reason: String) -> BRISQUEModelError { .corrupt(path: path, reason: reason) }
        guard file.format == Self.format, file.version == Self.version else {
            throw corrupt("format \(file.format) version \(file.version), expected \(Self.format) version \(Self.version)")
        }
        guard file.featureMinimum.count == d, file.featureMaximum.count == d else { throw corrupt("feature scaling is not \(d) wide") }
        guard !file.coefficients.isEmpty, file.supportVectors.count == file.coefficients.count else {
            throw corrupt("\(file.coefficients.count) coefficients for \(file.supportVectors.count) support vectors")
        }
        guard file.supportVectors.allSatisfy({ $0.count == d }) else { throw corrupt("a support vector is not \(d) wide") }
        guard zip(file.featureMinimum, file.featureMaximum).allSatisfy({ $0 < $1 }) else { throw corrupt("a feature's minimum is not below its maximum") }
        let vectors: [Double] = Array(file.supportVectors.joined())
        let scaling: [Double] = file.featureMinimum + file.featureMaximum
        let finite = [file.gamma, file.rho].allSatisfy(\.isFinite) && scaling.allSatisfy(\.isFinite)
            && file.coefficients.allSatisfy(\.isFinite) && vectors.allSatisfy(\.isFinite)
        guard file.gamma > 0, finite else { throw corrupt("gamma is not positive, or a value is not finite") }
        self.init(featureMinimum: file.featureMinimum, featureMaximum: file.featureMaximum,
                  regression: SupportVectorRegression(dimension: d, gamma: file.gamma, rho: file.rho, coefficients: file.coefficients,
                                                      supportVectors: vectors))
    }

    /// The features scaled into the model's [−1, 1] range (values beyond the training range go beyond it).
    public func scaled(_ features: [Double]) -> [Double] {
        (0..<features.count).map { i -> Double in
            let unit: Double = 2 / (featureMaximum[i] - featureMinimum[i])
            return -1 + unit * (features[i] - featureMinimum[i])
        }
    }

    /// The BRISQUE score of 36 features (lower is better).
    public func score(features: [Double]) -> Double { regression.predict(scaled(features)) }

    /// The BRISQUE score of `pixels`; nil when ``BRISQUE/features(_:)`` gives none.
    public func score(_ pixels: PixelBuffer) -> Double? { BRISQUE.features(pixels).map { score(features: $0) } }

    /// The file as stored.
    private struct File: Decodable {
        var format: String
        var version: Int
        var gamma: Double
        var rho: Double
        var featureMinimum: [Double]
        var featureMaximum: [Double]
        var coefficients: [Double]
        var supportVectors: [[Double]]
    }
}
