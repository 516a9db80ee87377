import LikenessCore
import LikenessIndex
import LikenessNumerics

/// HDBSCAN: density-based clusters of varying density, chosen from the whole hierarchy of
/// DBSCAN-like clusterings by excess of mass, with the points no cluster holds as noise.
///
/// Core distances come from the k nearest neighbours (``VectorIndex/neighbors(k:within:)``);
/// the mutual-reachability spanning tree is the k-NN graph's minimum spanning forest joined by
/// exact Borůvka rounds (see ``MutualReachabilityTree``; memory O(N·k), never N × N); the
/// condensed tree, stabilities, excess-of-mass selection, labels and membership probabilities
/// follow the `hdbscan` library's definitions (root not selectable, no selection epsilon).
///
/// References: R. Campello, D. Moulavi and J. Sander, "Density-based clustering based on
/// hierarchical density estimates" (PAKDD 2013); L. McInnes and J. Healy, "Accelerated
/// hierarchical density based clustering" (ICDMW 2017).
public struct HDBSCAN: Sendable {
    /// Typed settings.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Smallest group of points that counts as a cluster (at least 2).
        public var minClusterSize: Int
        /// Neighbours (the point itself counted) whose distance is a point's core distance; nil
        /// uses ``minClusterSize``, as the `hdbscan` library and scikit-learn do.
        public var minSamples: Int?
        /// Neighbours per point in the k-NN graph the spanning tree starts from (at least
        /// `minSamples − 1` are used). More makes the tree exact more often and costs more
        /// memory. Default 15.
        public var graphNeighbors: Int

        public init(minClusterSize: Int, minSamples: Int? = nil, graphNeighbors: Int = 15) {
            self.minClusterSize = minClusterSize
            self.minSamples = minSamples
            self.graphNeighbors = graphNeighbors
        }
    }

    /// A fitted HDBSCAN.
    public struct Fit: Sendable, Equatable {
        public let labels: ClusterLabels
        /// Membership strength per point in 0...1 (0 for noise): how long the point stayed in its
        /// cluster relative to the cluster's longest-lasting member.
        public let probabilities: [Float]
        /// Core distance per point.
        public let coreDistances: [Float]
        /// Components of the k-NN graph's spanning forest before the exact joining rounds (1 when connected).
        public let forestComponents: Int
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Clusters the rows of `points`. All noise is a valid answer (no group of
    /// ``Configuration/minClusterSize`` points stands out), not an error.
    ///
    /// - Parameter index: an L2 index holding exactly these points, in order; nil builds an exact one.
    public func fit(_ points: Matrix, index: (any VectorIndex)? = nil, cancellation: CancellationToken? = nil) throws(FitError) -> Fit {
        let minClusterSize = configuration.minClusterSize
        let minSamples = configuration.minSamples ?? minClusterSize
        guard minClusterSize >= 2 else {
            throw .badParameter(name: "--min-cluster-size", value: "\(minClusterSize)", reason: "must be at least 2")
        }
        guard minSamples >= 1 else { throw .badParameter(name: "--min-samples", value: "\(minSamples)", reason: "must be at least 1") }
        guard configuration.graphNeighbors >= 1 else {
            throw .badParameter(name: "graphNeighbors", value: "\(configuration.graphNeighbors)", reason: "must be at least 1")
        }
        try FitError.check(points)
        guard points.rows >= max(2, minSamples) else { throw .tooFewPoints(points: points.rows, needed: max(2, minSamples)) }
        let index = try FitError.euclideanIndex(points, index)
        let tree = try MutualReachabilityTree(points: points, index: index, minSamples: minSamples,
                                              graphNeighbors: configuration.graphNeighbors, cancellation: cancellation)
        try FitError.checkCancellation(cancellation)
        let condensed = CondensedTree(pointCount: points.rows, edges: tree.edges, minClusterSize: minClusterSize)
        let (selected, parent) = condensed.selectClusters()
        let (raw, probabilities) = condensed.labels(selected: selected, parent: parent)
        return Fit(labels: ClusterLabels(raw: raw), probabilities: probabilities, coreDistances: tree.coreDistances,
                   forestComponents: tree.forestComponents)
    }
}
