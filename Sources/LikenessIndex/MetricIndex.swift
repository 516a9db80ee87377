import Dispatch
import Foundation
import LikenessCore

/// Exact search by any vector ``Metric``: the BLAS index (``ExactVectorIndex``) for the metrics it
/// ranks by (cosine, dot, Euclidean, squared Euclidean), an exact streaming scan in `Double` for
/// the others (Manhattan, Chebyshev, Minkowski, Pearson, Spearman, Jaccard, Hamming, χ², EMD).
///
/// Every vector is checked once when added or searched with: its length, finite values, the
/// metric's domain (non-negative for Jaccard, χ², EMD; 0/1 for Hamming) and, for EMD, the same
/// mass as the first vector stored. Spearman stores each vector's tie-averaged ranks and scans by
/// Pearson. A pair the metric leaves undefined (a constant vector under Pearson or Spearman) is
/// never a neighbour. Results are closest first, ties by lower id, as for every ``VectorIndex``;
/// scores are the metric's values (similarities or distances, see ``Metric/higherIsCloser``).
///
/// Memory: the stored vectors (n × d floats); a scan holds one query's n scores per thread.
public struct MetricIndex: Sendable {
    public let metric: Metric
    public let dimension: Int
    /// The BLAS index, for metrics with an ``Metric/indexMetric``.
    var blas: ExactVectorIndex?
    /// Row-major n × d vectors for the scan (ranks for Spearman).
    var rows: [Float] = []
    /// The mass of the first vector, for EMD.
    private var mass: Double?
    /// The bins' ground distance for ``Metric/emd`` over unordered bins; nil: the 1-D closed form.
    public let ground: GroundedEarthMovers?

    /// An empty index; `dimension` must be positive. With `ground` (its bins as many as
    /// `dimension`), ``Metric/emd`` is the EMD over that ground distance rather than over ordered bins.
    public init(dimension: Int, metric: Metric, ground: GroundedEarthMovers? = nil) {
        precondition(dimension > 0, "dimension must be positive")
        precondition(ground == nil || ground!.binCount == dimension, "the ground distance must have one bin per dimension")
        self.dimension = dimension
        self.metric = metric
        self.ground = metric == .emd ? ground : nil
        if let vectorMetric = metric.indexMetric { blas = ExactVectorIndex(dimension: dimension, metric: vectorMetric) }
    }

    /// The number of stored vectors.
    public var count: Int { blas?.count ?? rows.count / dimension }

    /// True when searches run through BLAS rather than a scan.
    public var usesBLAS: Bool { blas != nil }

    /// The metric the scan evaluates: Pearson on stored ranks for Spearman.
    var scanMetric: Metric { metric == .spearman ? .pearson : metric }

    /// What the scan evaluates on a checked pair: the grounded EMD when there is a ground
    /// distance, ``scanMetric`` otherwise (nil where undefined).
    var kernel: @Sendable (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Double? {
        if let ground { return { ground.unchecked($0, $1) } }
        let measured = scanMetric
        return { measured.unchecked($0, $1) }
    }

    /// Adds vectors; their ids continue from ``count``. Nothing is added if any is refused
    /// (``MetricError/inVector(_:_:)`` names it).
    public mutating func add(_ vectors: [[Float]]) throws(MetricError) {
        var prepared: [[Float]] = []
        prepared.reserveCapacity(vectors.count)
        var mass = self.mass
        for (position, vector) in vectors.enumerated() {
            let checked: [Float]
            do { checked = try prepare(vector, mass: &mass) } catch { throw .inVector(position, error) }
            prepared.append(checked)
        }
        if blas != nil {
            do { try blas!.add(prepared) } catch { throw MetricError(error) }
        } else {
            for vector in prepared { rows += vector }
        }
        self.mass = mass
    }

    /// The `k` closest stored vectors to each query, closest first (ties by lower id).
    public func search(_ queries: [[Float]], k: Int) throws(MetricError) -> [[Neighbor]] {
        guard k > 0 else { return queries.map { _ in [] } }
        if let blas {
            do { return try blas.search(queries, k: k).map { $0.map { Neighbor(id: $0.id, score: metric.indexScore($0.score)) } } } catch {
                throw MetricError(error)
            }
        }
        return try scan(queries, k: k)
    }

    /// Every stored vector for which each query's value is defined, closest first: the full
    /// ranking retrieval evaluation scores.
    public func ranking(_ queries: [[Float]]) throws(MetricError) -> [[Neighbor]] {
        guard let blas else { return try scan(queries, k: Swift.max(count, 1)) }
        // A range search without bound sorts once; a top-k of every vector would insert one by one.
        do {
            return try blas.range(queries, threshold: blas.metric.unboundedThreshold).map { $0.map { Neighbor(id: $0.id, score: metric.indexScore($0.score)) } }
        } catch {
            throw MetricError(error)
        }
    }

    /// The checked vector as stored: ranks for Spearman, as it is otherwise.
    private func prepare(_ vector: [Float], mass: inout Double?) throws(MetricError) -> [Float] {
        guard vector.count == dimension else { throw .unequalLengths(vector.count, dimension) }
        try vector.withUnsafeBufferPointer { buffer throws(MetricError) in try metric.checkDomain(buffer) }
        if metric == .emd {
            let total = vector.reduce(0.0) { $0 + Double($1) }
            let reference = mass ?? total
            guard total > 0, abs(total - reference) <= EarthMovers.massTolerance * Swift.max(total, reference) else {
                throw .unequalMass(total, reference)
            }
            mass = reference
        }
        return metric == .spearman ? TiedRanks.of(vector).map { Float($0) } : vector
    }

    /// The streaming scan: every query against every stored vector in `Double`, queries spread
    /// over the cores.
    private func scan(_ queries: [[Float]], k: Int) throws(MetricError) -> [[Neighbor]] {
        var checkedMass = mass
        var prepared: [[Float]] = []
        for (position, query) in queries.enumerated() {
            do { prepared.append(try prepare(query, mass: &checkedMass)) } catch { throw .inVector(position, error) }
        }
        let n = count, d = dimension, kernel = self.kernel, closerFirst = self.metric.higherIsCloser, checked = prepared
        let results = UnsafeMutableBufferPointer<[Neighbor]>.allocate(capacity: queries.count)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        nonisolated(unsafe) let output = results
        rows.withUnsafeBufferPointer { stored in
            nonisolated(unsafe) let stored = stored
            DispatchQueue.concurrentPerform(iterations: checked.count) { q in
                var found: [(id: Int, value: Double)] = []
                found.reserveCapacity(n)
                checked[q].withUnsafeBufferPointer { query in
                    for id in 0..<n {
                        let row = UnsafeBufferPointer(rebasing: stored[(id * d)..<((id + 1) * d)])
                        if let value = kernel(query, row), !value.isNaN { found.append((id, value)) }
                    }
                }
                found.sort { $0.value != $1.value ? (closerFirst ? $0.value > $1.value : $0.value < $1.value) : $0.id < $1.id }
                output[q] = found.prefix(k).map { Neighbor(id: $0.id, score: Float($0.value)) }
            }
        }
        return Array(results)
    }
}
