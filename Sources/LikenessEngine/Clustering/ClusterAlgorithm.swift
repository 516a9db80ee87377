import LikenessAnalysis
import LikenessCore
import LikenessNumerics

/// Which clustering to run, with its settings: the closed set `likeness cluster --algorithm` offers.
public enum ClusterAlgorithm: Sendable, Codable, Equatable {
    /// k-means with a given k.
    case kmeans(KMeans.Configuration)
    /// k-means with k chosen by the silhouette on a seeded sample, among `candidates`.
    case kmeansAuto(candidates: ClosedRange<Int>, sample: Int, seed: UInt64)
    /// Mini-batch k-means, for large collections.
    case miniBatchKMeans(MiniBatchKMeans.Configuration)
    case dbscan(DBSCAN.Configuration)
    case hdbscan(HDBSCAN.Configuration)
    /// Ward or average linkage; small collections only (it keeps an N × N matrix).
    case agglomerative(Agglomerative.Configuration)

    /// The algorithms by the names users type, without their settings.
    public enum Kind: String, CaseIterable, Sendable {
        case kmeans
        case miniBatchKMeans = "minibatch-kmeans"
        case dbscan, hdbscan, agglomerative
    }

    /// Which algorithm this is.
    public var kind: Kind {
        switch self {
        case .kmeans, .kmeansAuto: .kmeans
        case .miniBatchKMeans: .miniBatchKMeans
        case .dbscan: .dbscan
        case .hdbscan: .hdbscan
        case .agglomerative: .agglomerative
        }
    }

    /// The name users type.
    public var name: String { kind.rawValue }

    /// The names `--algorithm` accepts.
    public static var names: [String] { Kind.allCases.map(\.rawValue) }

    /// The reduction used when the user names none: PCA to 50 dimensions for the density methods
    /// on embeddings and pixels, whose neighbour distances lose contrast in high dimensions; none
    /// for the others, and none for a bit hash (already compact, and unreduced its distances stay
    /// exactly √(4·Hamming/bits), so `--eps` reads as a Hamming radius).
    public func defaultReduction(for method: ClusterMethod) -> Reduction {
        switch (self, method) {
        case (.dbscan, .hash), (.hdbscan, .hash): .none
        case (.dbscan, _), (.hdbscan, _): .pca(50)
        case (.kmeans, _), (.kmeansAuto, _), (.miniBatchKMeans, _), (.agglomerative, _): .none
        }
    }

    /// A one-line description with the settings, for reports.
    public var summary: String {
        switch self {
        case let .kmeans(c): "k-means, k = \(c.k), best of \(c.restarts) seeded starts (seed \(c.seed))"
        case let .kmeansAuto(candidates, sample, seed): "k-means, k chosen by silhouette among \(candidates.lowerBound)…\(candidates.upperBound) on up to \(sample) sampled points (seed \(seed))"
        case let .miniBatchKMeans(c): "mini-batch k-means, k = \(c.k), batches of \(c.batchSize), best of \(c.restarts) seeded starts (seed \(c.seed))"
        case let .dbscan(c): "DBSCAN, eps \(c.eps), min samples \(c.minSamples)"
        case let .hdbscan(c): "HDBSCAN, min cluster size \(c.minClusterSize), min samples \(c.minSamples ?? c.minClusterSize)"
        case let .agglomerative(c): "agglomerative (\(c.linkage.rawValue) linkage), k = \(c.k)"
        }
    }

    /// What one run found.
    struct Outcome {
        var labels: ClusterLabels
        var inertia: Double?
        var choice: KChoice?
    }

    /// Whether the algorithm searches neighbours (DBSCAN's ε-pairs, HDBSCAN's core distances), the
    /// only ones an approximate index can serve.
    var searchesNeighbours: Bool {
        switch self {
        case .dbscan, .hdbscan: true
        case .kmeans, .kmeansAuto, .miniBatchKMeans, .agglomerative: false
        }
    }

    /// Runs the algorithm on the points; `index` (an L2 index holding exactly the points, in
    /// order) serves the neighbour searches of DBSCAN and HDBSCAN instead of an exact scan.
    func fit(_ points: Matrix, index: (any VectorIndex)? = nil, cancellation: CancellationToken) throws(FitError) -> Outcome {
        switch self {
        case let .kmeans(configuration):
            let fit = try KMeans(configuration).fit(points, cancellation: cancellation)
            return Outcome(labels: fit.labels, inertia: fit.inertia)
        case let .kmeansAuto(candidates, sample, seed):
            let choice = try KMeans.chooseK(points, candidates: candidates, sample: sample, seed: seed, cancellation: cancellation)
            let fit = try KMeans(.init(k: choice.k, seed: seed)).fit(points, cancellation: cancellation)
            return Outcome(labels: fit.labels, inertia: fit.inertia, choice: choice)
        case let .miniBatchKMeans(configuration):
            let fit = try MiniBatchKMeans(configuration).fit(points, cancellation: cancellation)
            return Outcome(labels: fit.labels, inertia: fit.inertia)
        case let .dbscan(configuration):
            return Outcome(labels: try DBSCAN(configuration).fit(points, index: index, cancellation: cancellation))
        case let .hdbscan(configuration):
            return Outcome(labels: try HDBSCAN(configuration).fit(points, index: index, cancellation: cancellation).labels)
        case let .agglomerative(configuration):
            return Outcome(labels: try Agglomerative(configuration).fit(points, cancellation: cancellation))
        }
    }
}
