import LikenessAnalysis
import LikenessCore
import LikenessIndex
import LikenessNumerics

extension ClusterJob {
    /// What the clustered rows are, for deciding which metrics fit: unreduced pixels are
    /// non-negative grey levels (scaled to unit length); everything else (embeddings, ±1 hash
    /// bits, principal components) is real-valued.
    func rowKind(reduction: Reduction) -> FeatureKind {
        if case .pixels = method, case .none = reduction { return .nonNegative }
        return .real
    }

    /// Refuses a metric for an algorithm that does not measure neighbourhoods, or one that does
    /// not fit the rows, before anything is read.
    func checkMetric(reduction: Reduction) throws(JobError) {
        guard let metric else { return }
        guard case .dbscan = algorithm else {
            throw .invalidInput("--metric applies to dbscan; \(algorithm.name) works in Euclidean space (k-means and Ward minimise "
                + "squared Euclidean distances, HDBSCAN's core distances come from the Euclidean index): leave --metric out")
        }
        do { try metric.requireFit(rowKind(reduction: reduction), method: method.name) } catch { throw .invalidInput(error.description) }
    }

    /// DBSCAN over the pairs of rows within `eps` by `metric` (at least `eps` for a similarity):
    /// the exact pairs from ``MetricIndex/pairs(within:)``, BLAS for cosine, dot and Euclidean.
    static func dbscan(_ points: Matrix, metric: Metric, configuration: DBSCAN.Configuration,
                       cancellation: CancellationToken) throws(FitError) -> ClusterLabels {
        var index = MetricIndex(dimension: max(1, points.columns), metric: metric)
        do { try index.add((0..<points.rows).map { Array(points.values[($0 * points.columns)..<(($0 + 1) * points.columns)]) }) } catch {
            throw .badParameter(name: "--metric", value: metric.name, reason: error.description)
        }
        let pairs = index.pairs(within: Double(configuration.eps)).map { (i: $0.i, j: $0.j) }
        return try DBSCAN(configuration).fit(count: points.rows, neighbourPairs: pairs, cancellation: cancellation)
    }
}
