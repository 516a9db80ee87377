import Dispatch
import Foundation
import LikenessCore

/// Exact search by any vector ``Metric``: the BLAS index (``ExactVectorIndex``) for the metrics it
/// ranks by (cosine, dot, Euclidean, squared Euclidean) and for Pearson and Spearman, an exact
/// streaming scan for the others (Manhattan, Chebyshev, Minkowski, Jaccard, Hamming, χ², EMD).
///
/// Every vector is checked once when added or searched with: its length, finite values, the
/// metric's domain (non-negative for Jaccard, χ², EMD; 0/1 for Hamming) and, for EMD, the same
/// mass as the first vector stored. Work that depends on one vector is done once, when it is
/// stored, not for every pair: Pearson stores each vector centred and scaled to unit length (in
/// `Double`, then rounded to `Float`), so the correlation is a dot product over BLAS; Spearman
/// does the same to each vector's tie-averaged ranks; the 1-D EMD stores cumulative unit-mass sums,
/// so it is the Manhattan distance between them. The scan runs one SIMD loop per metric
/// (``ScanKernel``; Minkowski with a whole p up to 32, by multiplication). A pair the metric leaves undefined (a constant vector under Pearson or
/// Spearman) is never a neighbour. Results are closest first, ties by lower id, as for every ``VectorIndex``;
/// scores are the metric's values (similarities or distances, see ``Metric/higherIsCloser``).
///
/// Memory: the stored vectors (n × d floats); a scan holds one query's n scores per thread.
public struct MetricIndex: Sendable {
    public let metric: Metric
    public let dimension: Int
    /// The BLAS index, for metrics with an ``Metric/indexMetric`` and, by the dot product of centred
    /// unit vectors, for Pearson and Spearman.
    var blas: ExactVectorIndex?
    /// Row-major n × d vectors for the scan (cumulative unit-mass sums for the 1-D EMD).
    var rows: [Float] = []
    /// Stored ids of constant vectors, which Pearson and Spearman leave undefined.
    var constant: Set<Int> = []
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
        if let vectorMetric = metric.indexMetric {
            blas = ExactVectorIndex(dimension: dimension, metric: vectorMetric)
        } else if metric.isCorrelation {
            blas = ExactVectorIndex(dimension: dimension, metric: .dot)
        }
    }

    /// The number of stored vectors.
    public var count: Int { blas?.count ?? rows.count / dimension }

    /// True when searches run through BLAS rather than a scan.
    public var usesBLAS: Bool { blas != nil }

    /// What the scan evaluates on two stored (prepared) vectors: the grounded EMD when there is a
    /// ground distance, Manhattan between cumulative sums for the 1-D EMD, a SIMD loop for the
    /// metrics that have one, the metric's own measure otherwise.
    var kernel: ScanKernel {
        if let ground { return .general { ground.unchecked($0, $1) } }
        switch metric {
        case .manhattan, .emd: return .manhattan
        case .chebyshev: return .chebyshev
        case .jaccard: return .jaccard
        case .chiSquare: return .chiSquare
        case .hamming: return .hamming
        case .minkowski(let p) where p == p.rounded() && p >= 1 && p <= 32: return p == 1 ? .manhattan : .minkowski(power: Int(p))
        default:
            let measured = metric
            return .general { measured.unchecked($0, $1) }
        }
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
            if metric.isCorrelation {
                for (offset, vector) in prepared.enumerated() where Self.isZero(vector) { constant.insert(count + offset) }
            }
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
            let asked = try correlationQueries(queries)
            // Constant vectors score 0 there; ask for enough more to drop them and still have k.
            do { return correlationFiltered(asked, try blas.search(asked, k: k + constant.count), k: k) } catch { throw MetricError(error) }
        }
        return try scan(queries, k: k)
    }

    /// Every stored vector for which each query's value is defined, closest first: the full
    /// ranking retrieval evaluation scores.
    public func ranking(_ queries: [[Float]]) throws(MetricError) -> [[Neighbor]] {
        guard let blas else { return try scan(queries, k: Swift.max(count, 1)) }
        // A range search without bound sorts once; a top-k of every vector would insert one by one.
        let asked = try correlationQueries(queries)
        do { return correlationFiltered(asked, try blas.range(asked, threshold: blas.metric.unboundedThreshold), k: count) } catch {
            throw MetricError(error)
        }
    }

    /// Queries as the BLAS index takes them: prepared (centred unit vectors) for Pearson and
    /// Spearman, as given otherwise (the index checks them).
    private func correlationQueries(_ queries: [[Float]]) throws(MetricError) -> [[Float]] {
        guard metric.isCorrelation else { return queries }
        var mass: Double?
        var prepared: [[Float]] = []
        for (position, query) in queries.enumerated() {
            do { prepared.append(try prepare(query, mass: &mass)) } catch { throw .inVector(position, error) }
        }
        return prepared
    }

    /// BLAS results in the metric's terms: scores as the metric's values, and for Pearson and
    /// Spearman clamped to [−1, 1], without constant vectors (a constant query finds nothing).
    private func correlationFiltered(_ queries: [[Float]], _ found: [[Neighbor]], k: Int) -> [[Neighbor]] {
        guard metric.isCorrelation else { return found.map { $0.map { Neighbor(id: $0.id, score: metric.indexScore($0.score)) } } }
        return zip(queries, found).map { query, hits in
            guard !Self.isZero(query) else { return [] }
            return hits.lazy.filter { !constant.contains($0.id) }.prefix(k).map { Neighbor(id: $0.id, score: Swift.min(1, Swift.max(-1, $0.score))) }
        }
    }

    /// True for the all-zero vector: how a constant vector is stored for Pearson and Spearman.
    static func isZero(_ vector: [Float]) -> Bool { vector.allSatisfy { $0 == 0 } }

    /// The checked vector as stored: centred and scaled to unit length for Pearson (zero when it is
    /// constant), the same of its ranks for Spearman, cumulative unit-mass sums for the 1-D EMD, as
    /// it is otherwise.
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
            if ground == nil { return Self.cumulativeUnitMass(vector, total: total) }
        }
        switch metric {
        case .pearson: return Self.centredUnit(vector.map(Double.init))
        case .spearman: return Self.centredUnit(TiedRanks.of(vector))
        default: return vector
        }
    }

    /// `values` minus their mean, scaled to unit length, in `Double`; all zeros when constant
    /// (tested exactly, so a mean that rounds away from equal values cannot make noise a direction).
    static func centredUnit(_ values: [Double]) -> [Float] {
        guard values.contains(where: { $0 != values[0] }) else { return [Float](repeating: 0, count: values.count) }
        let mean = values.reduce(0, +) / Double(values.count)
        let centred = values.map { $0 - mean }
        let norm = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return [Float](repeating: 0, count: values.count) }
        return centred.map { Float($0 / norm) }
    }

    /// The running sums of `vector / total`, the last set to exactly 1 (both histograms reach it).
    static func cumulativeUnitMass(_ vector: [Float], total: Double) -> [Float] {
        var running = 0.0
        var sums = vector.map { value -> Float in
            running += Double(value) / total
            return Float(running)
        }
        sums[sums.count - 1] = 1
        return sums
    }

    /// The streaming scan: every query against every stored vector by the metric's
    /// ``ScanKernel``, queries spread over the cores; the `k` closest kept as they come.
    private func scan(_ queries: [[Float]], k: Int) throws(MetricError) -> [[Neighbor]] {
        var checkedMass = mass
        var prepared: [[Float]] = []
        for (position, query) in queries.enumerated() {
            do { prepared.append(try prepare(query, mass: &checkedMass)) } catch { throw .inVector(position, error) }
        }
        let n = count, d = dimension, kernel = self.kernel, checked = prepared
        // TopK ranks by direction only: higher first as for a dot product, or lower first as for L2.
        let direction: VectorMetric = metric.higherIsCloser ? .dot : .l2
        let results = UnsafeMutableBufferPointer<[Neighbor]>.allocate(capacity: queries.count)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        nonisolated(unsafe) let output = results
        guard n > 0 else { return Array(results) }
        rows.withUnsafeBufferPointer { stored in
            nonisolated(unsafe) let stored = stored
            DispatchQueue.concurrentPerform(iterations: checked.count) { q in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: n) { values in
                    checked[q].withUnsafeBufferPointer { query in
                        kernel.values(query.baseAddress!, rows: stored.baseAddress!, count: n, dimension: d, into: values.baseAddress!)
                    }
                    output[q] = Self.closest(values, k: k, direction: direction)
                }
            }
        }
        return Array(results)
    }

    /// The `k` closest of the values (NaN: undefined, left out), closest first, ties by lower id:
    /// kept as they come for a small `k`, sorted whole for a long ranking.
    private static func closest(_ values: UnsafeMutableBufferPointer<Float>, k: Int, direction: VectorMetric) -> [Neighbor] {
        if k <= 256 {
            var top = TopK(k: k, metric: direction)
            for id in values.indices where !values[id].isNaN { top.insert(Neighbor(id: id, score: values[id])) }
            return top.sorted()
        }
        var all: [Neighbor] = []
        all.reserveCapacity(values.count)
        for id in values.indices where !values[id].isNaN { all.append(Neighbor(id: id, score: values[id])) }
        all.sort { direction.ranks($0, before: $1) }
        return Array(all.prefix(k))
    }
}
