import LikenessCore
import LikenessIndex
import LikenessNumerics

/// DBSCAN: clusters are the connected regions of "core" points, those with at least
/// ``Configuration/minSamples`` points (themselves included) within ``Configuration/eps``
/// (Euclidean, inclusive); a non-core point within `eps` of a core point is a border point of
/// that core point's cluster; every other point is noise.
///
/// The ε-neighbour pairs come from one ``VectorIndex/pairs(within:)`` call (an exact BLAS scan
/// of the upper triangle by default), core points are joined by union–find, and border points
/// follow scikit-learn's rule, so labels equal scikit-learn's up to renaming: scikit-learn grows
/// clusters from core points in index order, so a border point reachable from several clusters
/// goes to the one whose lowest-numbered core point is lowest.
///
/// Memory: the ε-neighbour pairs, which is what scikit-learn holds too; it grows towards N²/2 when
/// `eps` covers most of the data (choose `eps` from the k-distance plot, not larger).
///
/// Reference: M. Ester, H.-P. Kriegel, J. Sander and X. Xu, "A density-based algorithm for
/// discovering clusters in large spatial databases with noise" (KDD 1996).
public struct DBSCAN: Sendable {
    /// Typed settings.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Neighbourhood radius (Euclidean distance, inclusive).
        public var eps: Float
        /// Points within `eps`, the point itself included, that make a core point. scikit-learn's default is 5.
        public var minSamples: Int

        public init(eps: Float, minSamples: Int = 5) {
            self.eps = eps
            self.minSamples = minSamples
        }
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Labels the rows of `points`; noise is ``ClusterLabels/noise``. All noise is a valid answer
    /// (`eps` too small for the data), not an error.
    ///
    /// - Parameter index: an L2 index holding exactly these points, in order; nil builds an exact one.
    public func fit(_ points: Matrix, index: (any VectorIndex)? = nil, cancellation: CancellationToken? = nil) throws(FitError) -> ClusterLabels {
        let (eps, minSamples) = (configuration.eps, configuration.minSamples)
        guard eps.isFinite, eps >= 0 else { throw .badParameter(name: "--eps", value: "\(eps)", reason: "must be a distance of 0 or more") }
        guard minSamples >= 1 else { throw .badParameter(name: "--min-samples", value: "\(minSamples)", reason: "must be at least 1") }
        try FitError.check(points)
        let index = try FitError.euclideanIndex(points, index)
        try FitError.checkCancellation(cancellation)
        let pairs = index.pairs(within: eps)
        try FitError.checkCancellation(cancellation)
        return try Self.label(count: points.rows, edges: pairs.map { (i: $0.i, j: $0.j) }, minSamples: minSamples, cancellation: cancellation)
    }

    /// The DBSCAN rule over distinct neighbour edges (i ≠ j, each pair once): core points have at
    /// least `minSamples` neighbours counting themselves; core points joined by an edge share a
    /// cluster, named by its lowest core point (the order scikit-learn finds them in); a border
    /// point joins, of its core neighbours' clusters, the lowest-named; every other point is noise.
    static func label(count n: Int, edges pairs: [(i: Int, j: Int)], minSamples: Int,
                      cancellation: CancellationToken?) throws(FitError) -> ClusterLabels {
        var neighbours = [Int](repeating: 1, count: n)   // itself
        for pair in pairs { neighbours[pair.i] += 1; neighbours[pair.j] += 1 }
        let isCore = neighbours.map { $0 >= minSamples }
        var components = DisjointSets(count: n)
        for pair in pairs where isCore[pair.i] && isCore[pair.j] { components.union(pair.i, pair.j) }
        // Each component is named by its lowest core point: the order scikit-learn finds them in.
        var lowestCore = [Int](repeating: Int.max, count: n)
        for point in 0..<n where isCore[point] {
            let root = components.find(point)
            lowestCore[root] = min(lowestCore[root], point)
        }
        var raw = [Int](repeating: ClusterLabels.noise, count: n)
        for point in 0..<n where isCore[point] { raw[point] = lowestCore[components.find(point)] }
        try FitError.checkCancellation(cancellation)
        for pair in pairs where isCore[pair.i] != isCore[pair.j] {
            let (core, border) = isCore[pair.i] ? (pair.i, pair.j) : (pair.j, pair.i)
            let cluster = raw[core]
            if raw[border] == ClusterLabels.noise || cluster < raw[border] { raw[border] = cluster }
        }
        return ClusterLabels(raw: raw)
    }
}
