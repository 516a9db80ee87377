import LikenessAnalysis

/// The clustering options as a user gives them (CLI flags, the server's JSON), turned into a
/// ``ClusterAlgorithm`` and a ``ClusterMethod`` in one place, with errors that name the option to fix.
public struct ClusterOptions: Sendable, Codable, Equatable {
    /// One of ``ClusterAlgorithm/names`` (as typed: ``resolved()`` refuses any other, naming it).
    public var algorithm: String
    public var k: Int?
    /// k-means: choose k by the silhouette (k from 2 to ``maxK``).
    public var auto: Bool
    public var maxK: Int
    /// Points the `auto` silhouette is computed on.
    public var sample: Int
    public var eps: Float?
    public var minSamples: Int?
    public var minClusterSize: Int
    /// `ward` or `average`.
    public var linkage: String
    public var batchSize: Int
    public var seed: UInt64
    /// What makes the vectors: a model id, `pixels` or a bit hash name (nil: the model, by default
    /// ``ModelDefaults/model``). See ``ClusterMethod``.
    public var method: String?

    public init(algorithm: String = "kmeans", k: Int? = nil, auto: Bool = false, maxK: Int = 15, sample: Int = 2000, eps: Float? = nil,
                minSamples: Int? = nil, minClusterSize: Int = 5, linkage: String = "ward", batchSize: Int = 1024, seed: UInt64 = 1, method: String? = nil) {
        self.algorithm = algorithm
        self.k = k
        self.auto = auto
        self.maxK = maxK
        self.sample = sample
        self.eps = eps
        self.minSamples = minSamples
        self.minClusterSize = minClusterSize
        self.linkage = linkage
        self.batchSize = batchSize
        self.seed = seed
        self.method = method
    }

    private enum CodingKeys: String, CodingKey {
        case algorithm, k, auto, maxK, sample, eps, minSamples, minClusterSize, linkage, batchSize, seed, method
    }

    /// Decodes the options a client gives; every one left out keeps its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ClusterOptions()
        self.init(algorithm: try c.decodeIfPresent(String.self, forKey: .algorithm) ?? defaults.algorithm,
                  k: try c.decodeIfPresent(Int.self, forKey: .k),
                  auto: try c.decodeIfPresent(Bool.self, forKey: .auto) ?? defaults.auto,
                  maxK: try c.decodeIfPresent(Int.self, forKey: .maxK) ?? defaults.maxK,
                  sample: try c.decodeIfPresent(Int.self, forKey: .sample) ?? defaults.sample,
                  eps: try c.decodeIfPresent(Float.self, forKey: .eps),
                  minSamples: try c.decodeIfPresent(Int.self, forKey: .minSamples),
                  minClusterSize: try c.decodeIfPresent(Int.self, forKey: .minClusterSize) ?? defaults.minClusterSize,
                  linkage: try c.decodeIfPresent(String.self, forKey: .linkage) ?? defaults.linkage,
                  batchSize: try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? defaults.batchSize,
                  seed: try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed,
                  method: try c.decodeIfPresent(String.self, forKey: .method))
    }

    /// The method behind the vectors, from ``method`` and the model given apart (`--model`; nil when
    /// not given); `models` are the known model ids. See ``ClusterMethod/resolving(method:model:models:)``.
    public func resolvedMethod(model: String? = nil, models: [String]) throws(JobError) -> ClusterMethod {
        try ClusterMethod.resolving(method: method, model: model, models: models)
    }

    /// The algorithm with its settings; throws ``JobError/invalidInput(_:)`` naming what is missing or wrong.
    public func resolved() throws(JobError) -> ClusterAlgorithm {
        guard let kind = ClusterAlgorithm.Kind(rawValue: algorithm) else {
            throw .invalidInput("unknown --algorithm '\(algorithm)'; choose one of: " + ClusterAlgorithm.names.joined(separator: ", "))
        }
        func needK() throws(JobError) -> Int {
            guard let k else { throw .invalidInput("\(algorithm) needs --k N (the number of clusters)" + (kind == .kmeans ? " or --auto" : "")) }
            guard k >= 1 else { throw .invalidInput("--k must be at least 1") }
            return k
        }
        switch kind {
        case .kmeans:
            if auto {
                guard k == nil else { throw .invalidInput("give --k or --auto, not both") }
                guard maxK >= 2 else { throw .invalidInput("--max-k must be at least 2") }
                return .kmeansAuto(candidates: 2...maxK, sample: max(2, sample), seed: seed)
            }
            return .kmeans(KMeans.Configuration(k: try needK(), seed: seed))
        case .miniBatchKMeans:
            return .miniBatchKMeans(MiniBatchKMeans.Configuration(k: try needK(), batchSize: max(1, batchSize), seed: seed))
        case .dbscan:
            guard let eps else { throw .invalidInput("dbscan needs --eps E (a radius; 0.5 between unit vectors is cosine 0.875)") }
            return .dbscan(DBSCAN.Configuration(eps: eps, minSamples: minSamples ?? 5))
        case .hdbscan:
            return .hdbscan(HDBSCAN.Configuration(minClusterSize: minClusterSize, minSamples: minSamples))
        case .agglomerative:
            guard let linkage = Agglomerative.Linkage(rawValue: linkage) else {
                throw .invalidInput("unknown --linkage '\(linkage)'; choose one of: " + Agglomerative.Linkage.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return .agglomerative(Agglomerative.Configuration(k: try needK(), linkage: linkage))
        }
    }
}
