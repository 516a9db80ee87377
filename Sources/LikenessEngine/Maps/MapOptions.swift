import LikenessAnalysis

/// The map options as a user gives them (CLI flags), turned into a ``MapProjection`` in one
/// place, with an error that lists the valid projections.
public struct MapOptions: Sendable, Codable, Equatable {
    /// One of ``MapProjection/names``.
    public var projection: String
    /// t-SNE: perplexity.
    public var perplexity: Double
    /// t-SNE: optimisation iterations.
    public var iterations: Int
    /// UMAP: neighbours of the fuzzy k-NN graph.
    public var neighbours: Int
    /// UMAP: how tightly points may pack.
    public var minDistance: Double
    /// UMAP: epochs; nil: 500 up to 10,000 points, else 200.
    public var epochs: Int?
    public var seed: UInt64

    public init(projection: String = "pca", perplexity: Double = 30, iterations: Int = 750, neighbours: Int = 15,
                minDistance: Double = 0.1, epochs: Int? = nil, seed: UInt64 = 1) {
        self.projection = projection
        self.perplexity = perplexity
        self.iterations = iterations
        self.neighbours = neighbours
        self.minDistance = minDistance
        self.epochs = epochs
        self.seed = seed
    }

    /// The projection with its settings; throws ``JobError/invalidInput(_:)`` for an unknown name.
    public func resolved() throws(JobError) -> MapProjection {
        switch projection {
        case "pca": return .pca
        case "tsne": return .tsne(TSNE.Configuration(perplexity: perplexity, iterations: iterations, seed: seed))
        case "umap": return .umap(UMAP.Configuration(neighbours: neighbours, minDistance: minDistance, epochs: epochs, seed: seed))
        default: throw .invalidInput("unknown --projection '\(projection)'; choose one of: " + MapProjection.names.joined(separator: ", "))
        }
    }
}
