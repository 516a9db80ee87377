import LikenessAnalysis
import LikenessCore
import LikenessNumerics

/// How `likeness map` lays the collection out in two dimensions: the closed set it offers.
public enum MapProjection: Sendable, Codable, Equatable {
    /// The first two principal components: fast, linear, keeps global distances.
    case pca

    /// The name users type.
    public var name: String {
        switch self {
        case .pca: "pca"
        }
    }

    /// The reduction applied before projecting when the user names none.
    public var defaultReduction: Reduction {
        switch self {
        case .pca: .none
        }
    }

    /// 2-D coordinates (N × 2) of the points.
    func project(_ points: Matrix, context: JobContext) throws(FitError) -> Matrix {
        switch self {
        case .pca:
            guard points.rows >= 2 else { return Matrix(zeros: points.rows, columns: 2) }
            let pca = try PCA(fitting: points, components: 2)
            let projected = pca.transform(points)
            // One-dimensional data gives one component: the second coordinate stays 0.
            guard projected.columns < 2 else { return projected }
            var out = Matrix(zeros: points.rows, columns: 2)
            for r in 0..<points.rows { out[r, 0] = projected[r, 0] }
            return out
        }
    }
}
