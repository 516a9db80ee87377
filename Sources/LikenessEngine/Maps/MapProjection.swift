import LikenessAnalysis
import LikenessCore
import LikenessNumerics

/// How `likeness map` lays the collection out in two dimensions: the closed set it offers.
public enum MapProjection: Sendable, Codable, Equatable {
    /// The first two principal components: fast, linear, keeps global distances.
    case pca
    /// t-SNE (Barnes–Hut): keeps neighbourhoods, separates groups clearly; distances between
    /// islands mean little.
    case tsne(TSNE.Configuration)
    /// UMAP: keeps neighbourhoods and more of the global layout than t-SNE; fast on large sets.
    case umap(UMAP.Configuration)

    /// The names `--projection` accepts.
    public static let names = ["pca", "tsne", "umap"]

    /// The name users type.
    public var name: String {
        switch self {
        case .pca: "pca"
        case .tsne: "tsne"
        case .umap: "umap"
        }
    }

    /// The reduction applied before projecting when the user names none: PCA to 50 dimensions
    /// before t-SNE and UMAP (the usual practice: it removes noise and speeds up the k-NN graph).
    public var defaultReduction: Reduction {
        switch self {
        case .pca: .none
        case .tsne, .umap: .pca(50)
        }
    }

    /// A one-line description with the settings.
    public var summary: String {
        switch self {
        case .pca: "PCA"
        case let .tsne(c): "t-SNE (perplexity \(c.perplexity), \(c.iterations) iterations, seed \(c.seed))"
        case let .umap(c): "UMAP (\(c.neighbours) neighbours, min distance \(c.minDistance), seed \(c.seed))"
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
        case let .tsne(configuration):
            return try TSNE(configuration).fit(points, progress: context.progress, cancellation: context.cancellation)
        case let .umap(configuration):
            return try UMAP(configuration).fit(points, progress: context.progress, cancellation: context.cancellation)
        }
    }
}
