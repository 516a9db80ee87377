import LikenessAnalysis

/// Which clustering to run, with its settings: the closed set `likeness cluster --algorithm` offers.
public enum ClusterAlgorithm: Sendable, Codable, Equatable {
    /// k-means with a given k.
    case kmeans(KMeans.Configuration)

    /// The name users type.
    public var name: String {
        switch self {
        case .kmeans: "kmeans"
        }
    }

    /// The reduction used when the user names none: PCA to 50 dimensions for the density methods,
    /// whose neighbour distances lose contrast in high dimensions; none for k-means.
    public var defaultReduction: Reduction {
        switch self {
        case .kmeans: .none
        }
    }

    /// A one-line description with the settings, for reports.
    public var summary: String {
        switch self {
        case let .kmeans(c): "k-means, k = \(c.k), best of \(c.restarts) seeded starts (seed \(c.seed))"
        }
    }
}
