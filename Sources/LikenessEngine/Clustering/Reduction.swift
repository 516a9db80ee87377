import LikenessAnalysis
import LikenessNumerics

/// An optional reduction of the vectors before clustering or mapping.
public enum Reduction: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The vectors as they are.
    case none
    /// Principal components: the first n (at most the vectors' dimension).
    case pca(Int)

    /// Parses `none` or `pca:N`; throws an error listing the valid forms.
    public init(argument: String) throws(JobError) {
        if argument == "none" { self = .none; return }
        if argument.hasPrefix("pca:"), let n = Int(argument.dropFirst(4)), n >= 1 { self = .pca(n); return }
        throw .invalidInput("reduction '\(argument)' is not one of: none, pca:N (N ≥ 1)")
    }

    public var description: String {
        switch self {
        case .none: "none"
        case let .pca(n): "pca:\(n)"
        }
    }

    /// The points reduced; PCA to n ≥ the dimension leaves them as they are.
    func apply(to points: Matrix) throws(FitError) -> (points: Matrix, explainedVariance: Double?) {
        switch self {
        case .none: return (points, nil)
        case let .pca(n):
            guard n < points.columns, points.rows >= 2 else { return (points, nil) }
            let pca = try PCA(fitting: points, components: n)
            return (pca.transform(points), pca.explainedVarianceRatio.reduce(0, +))
        }
    }
}
