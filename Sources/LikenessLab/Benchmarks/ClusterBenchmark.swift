import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessNumerics

/// One clustering algorithm run on vectors read from a `.npy` file, timed, with its peak memory
/// and its agreement with known classes: Likeness' half of the clustering cross-check and
/// benchmark (`bench/cluster_crosscheck.py` runs the Python peers on the same file).
///
/// Each run is meant to be its own process, so the peak resident memory belongs to one algorithm.
public struct ClusterBenchmark: Sendable {
    /// The algorithms a run can time.
    public enum Algorithm: String, Sendable, Codable, CaseIterable {
        case kmeans
        case minibatch
        case dbscan
        case hdbscan
        case agglomerative
    }

    /// What a run measured.
    public struct Result: Sendable, Codable {
        public var algorithm: String
        public var points: Int
        public var dimension: Int
        /// Fit time, loading excluded.
        public var seconds: Double
        public var peakResidentMegabytes: Double
        public var clusters: Int
        public var noise: Int
        /// k-means only: the sum of squared distances to the centres.
        public var inertia: Double?
        /// Against the classes file, when one was given (noise is one more label).
        public var adjustedRandIndex: Double?
        public var normalizedMutualInformation: Double?
        public var threads: Int
    }

    public var algorithm: Algorithm
    public var k: Int
    public var restarts: Int
    public var eps: Float
    public var minSamples: Int?
    public var minClusterSize: Int
    public var linkage: Agglomerative.Linkage
    public var batchSize: Int
    public var seed: UInt64

    public init(algorithm: Algorithm, k: Int = 10, restarts: Int = 1, eps: Float = 0.5, minSamples: Int? = nil,
                minClusterSize: Int = 5, linkage: Agglomerative.Linkage = .ward, batchSize: Int = 1024, seed: UInt64 = 1) {
        self.algorithm = algorithm
        self.k = k
        self.restarts = restarts
        self.eps = eps
        self.minSamples = minSamples
        self.minClusterSize = minClusterSize
        self.linkage = linkage
        self.batchSize = batchSize
        self.seed = seed
    }

    /// Fits the algorithm to `points`; returns the labels and the measurements.
    public func run(_ points: Matrix, classes: [Int]?, threads: Int, cancellation: CancellationToken?) throws(FitError) -> (labels: ClusterLabels, result: Result) {
        BLAS.setThreads(threads)
        let started = DispatchTime.now().uptimeNanoseconds
        var inertia: Double?
        let labels: ClusterLabels
        switch algorithm {
        case .kmeans:
            let fit = try KMeans(.init(k: k, restarts: restarts, seed: seed)).fit(points, cancellation: cancellation)
            (labels, inertia) = (fit.labels, fit.inertia)
        case .minibatch:
            let fit = try MiniBatchKMeans(.init(k: k, batchSize: batchSize, restarts: restarts, seed: seed)).fit(points, cancellation: cancellation)
            (labels, inertia) = (fit.labels, fit.inertia)
        case .dbscan:
            labels = try DBSCAN(.init(eps: eps, minSamples: minSamples ?? 5)).fit(points, cancellation: cancellation)
        case .hdbscan:
            labels = try HDBSCAN(.init(minClusterSize: minClusterSize, minSamples: minSamples)).fit(points, cancellation: cancellation).labels
        case .agglomerative:
            labels = try Agglomerative(.init(k: k, linkage: linkage)).fit(points, cancellation: cancellation)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let agreement = classes.map { (ClusterAgreement.adjustedRandIndex($0, labels.labels), ClusterAgreement.normalizedMutualInformation($0, labels.labels)) }
        let result = Result(algorithm: algorithm.rawValue, points: points.rows, dimension: points.columns, seconds: seconds,
                            peakResidentMegabytes: PeakMemory.megabytes(), clusters: labels.clusterCount,
                            noise: labels.noisePoints.count, inertia: inertia, adjustedRandIndex: agreement?.0,
                            normalizedMutualInformation: agreement?.1, threads: threads)
        return (labels, result)
    }
}
