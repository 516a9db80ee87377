import LikenessCore
import LikenessNumerics

/// Agglomerative (hierarchical) clustering: every point starts as its own cluster and the two
/// closest clusters merge until one is left; the dendrogram is then cut into ``Configuration/k``
/// clusters by undoing its last k − 1 merges, as scikit-learn's `AgglomerativeClustering` does.
///
/// Linkages (Euclidean):
/// - ``Linkage/ward``: merge the pair whose union least increases the total within-cluster sum of
///   squares, |A||B| / (|A| + |B|) · ‖c_A − c_B‖²; computed from centroids, so memory is O(N·d);
/// - ``Linkage/average``: the mean distance between the clusters' points (UPGMA), kept in a
///   condensed N(N − 1)/2 distance matrix updated by the Lance–Williams formula.
///
/// Both run the nearest-neighbour chain algorithm: O(N²) distance evaluations (O(N²·d) for Ward).
/// Because both memory (average) and time grow as N², fits above ``limit`` points are refused with
/// ``FitError/tooManyPoints(points:limit:)``; use k-means or HDBSCAN for larger sets.
///
/// References: J. H. Ward, "Hierarchical grouping to optimize an objective function" (JASA
/// 1963); R. R. Sokal and C. D. Michener (1958) for average linkage; D. Müllner, "Modern
/// hierarchical, agglomerative clustering algorithms" (arXiv:1109.2378, 2011) for the
/// nearest-neighbour chain.
public struct Agglomerative: Sendable {
    /// How the distance between two clusters is measured.
    public enum Linkage: String, Sendable, Codable, CaseIterable {
        case ward
        case average
    }

    /// Typed settings.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Number of clusters the dendrogram is cut into.
        public var k: Int
        /// Default ``Linkage/ward``, as scikit-learn.
        public var linkage: Linkage

        public init(k: Int, linkage: Linkage = .ward) {
            self.k = k
            self.linkage = linkage
        }
    }

    /// Most points a fit accepts: 20,000 (average linkage then holds an 800 MB distance matrix and
    /// Ward about 10¹⁰ · d / 2 multiply-adds).
    public static let limit = 20_000

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Clusters the rows of `points` into ``Configuration/k`` clusters.
    public func fit(_ points: Matrix, cancellation: CancellationToken? = nil) throws(FitError) -> ClusterLabels {
        let k = configuration.k
        guard k >= 1 else { throw .badParameter(name: "--k", value: "\(k)", reason: "needs at least one cluster") }
        try FitError.check(points)
        guard points.rows <= Self.limit else { throw .tooManyPoints(points: points.rows, limit: Self.limit) }
        guard points.rows >= k else { throw .tooFewPoints(points: points.rows, needed: k) }
        var chain = NearestNeighborChain(points: points, linkage: configuration.linkage)
        let merges = try chain.run(cancellation: cancellation)
        // Merges in order of height (ties keep the order they were found in); the first N − k are kept.
        let ordered = merges.enumerated().sorted { $0.element.height != $1.element.height ? $0.element.height < $1.element.height : $0.offset < $1.offset }
        var sets = DisjointSets(count: points.rows)
        for (_, merge) in ordered.prefix(points.rows - k) { sets.union(merge.a, merge.b) }
        return ClusterLabels(raw: (0..<points.rows).map { sets.find($0) })
    }
}
