/// The outcome of a clustering: one label per point, `0..<clusterCount` for members of a cluster
/// and ``noise`` for points no cluster takes (DBSCAN, HDBSCAN).
///
/// Labels are canonical: clusters are numbered by size, largest first, ties by their lowest
/// point index, so two runs that find the same partition give equal values.
public struct ClusterLabels: Sendable, Codable, Equatable {
    /// The label of a point in no cluster.
    public static let noise = -1

    /// `labels[i]` is point i's cluster, or ``noise``.
    public let labels: [Int]
    /// Number of clusters (noise is not one).
    public let clusterCount: Int

    /// Canonical labels for any partition: equal raw labels share a cluster; negative raw labels are noise.
    public init(raw: [Int]) {
        var members: [Int: [Int]] = [:]
        for (point, label) in raw.enumerated() where label >= 0 { members[label, default: []].append(point) }
        let order = members.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
        var labels = [Int](repeating: Self.noise, count: raw.count)
        for (cluster, points) in order.enumerated() { for point in points { labels[point] = cluster } }
        self.labels = labels
        self.clusterCount = order.count
    }

    /// The points of every cluster, cluster 0 first, each in ascending order.
    public var members: [[Int]] {
        var out = [[Int]](repeating: [], count: clusterCount)
        for (point, label) in labels.enumerated() where label >= 0 { out[label].append(point) }
        return out
    }

    /// The points in no cluster, ascending.
    public var noisePoints: [Int] { labels.indices.filter { labels[$0] == Self.noise } }
}
