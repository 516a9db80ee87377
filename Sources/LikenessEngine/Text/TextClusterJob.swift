import LikenessAnalysis
import LikenessCore
import LikenessText

/// The clustering algorithms `text cluster` offers over a neighbour graph of strings.
public enum TextClusterAlgorithm: String, Codable, Sendable, CaseIterable {
    /// ``DBSCAN`` over the ε-neighbour graph (``DBSCAN/fit(count:neighbourPairs:cancellation:)``).
    case dbscan
}

/// `text cluster`: DBSCAN over strings by an edit distance (or 1 − a similarity). The neighbour
/// graph is the LSH candidate pairs whose distance is at most `eps` — never a full N × N
/// matrix — so a pair LSH does not propose is not a neighbour even within `eps`: the candidate
/// curve (``TextSearchConfiguration``) bounds the recall.
public struct TextClusterJob: Job {
    public var path: String
    public var format: TextFormat
    public var search: TextSearchConfiguration
    public var algorithm: TextClusterAlgorithm
    /// Neighbourhood radius in the metric's ``TextScore/distance`` (edits for edit distances, inclusive).
    public var eps: Double
    /// Neighbours, the string itself included, that make a core string.
    public var minSamples: Int

    public init(path: String, format: TextFormat = .lines, search: TextSearchConfiguration = TextSearchConfiguration(),
                algorithm: TextClusterAlgorithm = .dbscan, eps: Double, minSamples: Int = 5) {
        self.path = path
        self.format = format
        self.search = search
        self.algorithm = algorithm
        self.eps = eps
        self.minSamples = minSamples
    }

    public func run(in context: JobContext) throws(JobError) -> TextClusterResult {
        guard eps.isFinite, eps >= 0 else { throw .invalidInput("--eps \(eps): must be a distance of 0 or more") }
        guard minSamples >= 1 else { throw .invalidInput("--min-samples \(minSamples): must be at least 1") }
        let contents = try TextFileReader(format: format).read(path)
        let records = contents.records
        let eps = eps
        let found = try TextNeighbourSearch(configuration: search)
            .pairs(records.map { ScalarText.scalars($0.text) }, accept: { $0.distance <= eps }, context: context)
        let labels: ClusterLabels
        do {
            labels = try DBSCAN(.init(eps: Float(eps), minSamples: minSamples))
                .fit(count: records.count, neighbourPairs: found.pairs.map { (i: $0.i, j: $0.j) }, cancellation: context.cancellation)
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .invalidInput(error.description)
        }
        return TextClusterResult(
            file: path, format: format.description, metric: search.metric, algorithm: algorithm, eps: eps, minSamples: minSamples,
            shingle: search.shingle, bands: search.bands, rows: search.rows, strings: records.count, skipped: contents.skipped,
            candidates: found.candidates, neighbourPairs: found.pairs.count,
            clusters: labels.members.map { $0.map { records[$0] } }, noise: labels.noisePoints.map { records[$0] })
    }
}
