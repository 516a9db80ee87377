import LikenessAnalysis
import LikenessCore

/// What `likeness cluster` found: clusters largest first, each with its medoid, cohesion and
/// members (most typical first), and the noise points apart.
public struct ClusterResult: Codable, Sendable {
    /// One cluster.
    public struct Cluster: Codable, Sendable, Equatable {
        /// 0 for the largest cluster, then by size.
        public var label: Int
        public var size: Int
        /// The member with the highest summed cosine similarity to all members: the cluster's most typical image.
        public var medoid: String
        /// Mean cosine similarity of the members to the cluster's mean direction (1: all alike).
        public var cohesion: Float
        /// Paths, most typical first (by summed cosine similarity to the cluster).
        public var members: [String]
        /// With `--best`: the member with the highest overall quality score, and that score.
        public var best: String?
        public var bestQuality: Double?
    }

    /// How the clustering was made.
    public var settings: ClusterSettings
    /// A one-line description of the algorithm and its parameters.
    public var algorithm: String
    /// Share of the variance the PCA reduction kept, when there was one.
    public var explainedVariance: Double?
    /// Images clustered.
    public var points: Int
    public var clusters: [Cluster]
    /// Images no cluster took (DBSCAN, HDBSCAN), by path.
    public var noise: [String]
    /// `--labels`: how far the clusters agree with the reference labels.
    public var agreement: ClusterAgreementResult?
    /// `--auto`: every k tried with its silhouette, and the k chosen.
    public var kChoice: KChoice?
    /// k-means: the sum of squared distances to the centres (in the clustered space).
    public var inertia: Double?
    /// Every point in 2-D (first two principal components of the clustered vectors), coloured by
    /// cluster, when the job was asked for a map.
    public var map: [MapResult.Point]?
    /// The name it was saved under, and whether that replaced an older clustering of the name.
    public var saved: String?
    public var replaced: Bool?
    public var scan: ScanCount?
    public var skipped: [ScannedFailure]?
    public var stale: [ScannedFailure]?
    /// The approximate index DBSCAN's or HDBSCAN's neighbour searches went through, with its
    /// settings; nil for an exact search.
    public var index: String?
}

/// The settings a clustering was made with, stored with a saved clustering.
public struct ClusterSettings: Codable, Sendable, Equatable {
    public var algorithm: ClusterAlgorithm
    /// What made the vectors: a model id, `pixels` or a hash name.
    public var method: ClusterMethod
    /// The model's id for a model method (nil otherwise); kept beside ``method`` so readers of
    /// older results find it where it always was.
    public var model: String?
    public var reduction: Reduction
    public var folders: [String]
    /// The metric DBSCAN's neighbourhoods were measured by; nil: Euclidean between the unit rows.
    public var metric: Metric?

    public init(algorithm: ClusterAlgorithm, method: ClusterMethod, reduction: Reduction, folders: [String], metric: Metric? = nil) {
        self.metric = metric
        self.algorithm = algorithm
        self.method = method
        self.model = method.model
        self.reduction = reduction
        self.folders = folders
    }

    private enum CodingKeys: String, CodingKey { case algorithm, method, model, reduction, folders, metric }

    /// Decodes settings; those saved before `--method` existed have only a model, which was the method.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let model = try c.decodeIfPresent(String.self, forKey: .model)
        guard let method = try c.decodeIfPresent(ClusterMethod.self, forKey: .method) ?? model.map(ClusterMethod.model) else {
            throw DecodingError.keyNotFound(CodingKeys.method, .init(codingPath: c.codingPath, debugDescription: "settings name neither a method nor a model"))
        }
        self.init(algorithm: try c.decode(ClusterAlgorithm.self, forKey: .algorithm), method: method,
                  reduction: try c.decode(Reduction.self, forKey: .reduction), folders: try c.decode([String].self, forKey: .folders),
                  metric: try c.decodeIfPresent(Metric.self, forKey: .metric))
    }
}
