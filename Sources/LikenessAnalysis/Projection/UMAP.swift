import Foundation
import LikenessCore
import LikenessNumerics

/// Uniform Manifold Approximation and Projection to two dimensions: a map that keeps each point's
/// nearest neighbours near it.
///
/// Steps, as in umap-learn: the k-NN graph (through a ``VectorIndex``), its fuzzy simplicial set
/// (``FuzzySimplicialSet``: smoothed memberships, fuzzy union), edges lighter than max / epochs
/// dropped, a spectral starting layout (Laplacian eigenmap; a PCA layout when the graph is not
/// connected, where umap-learn lays components out separately), scaled to [0, 10], then
/// stochastic gradient descent on the fuzzy cross-entropy: every edge is sampled in proportion to
/// its weight, pulled together with the curve 1 / (1 + a·d^(2b)) fitted from `minDistance` and
/// `spread`, and pushed apart from 5 uniformly drawn points per sample; gradients clipped to ±4,
/// learning rate falling linearly from 1 to 0.
///
/// Reproducible: the same seed gives the same map on any number of threads, because the descent
/// runs on one thread (umap-learn's parallel descent races between threads and is not).
/// Memory O(N·k).
///
/// Reference: L. McInnes, J. Healy and J. Melville, "UMAP: Uniform Manifold Approximation and
/// Projection for Dimension Reduction" (arXiv:1802.03426, 2018).
public struct UMAP: Sendable {
    /// Typed settings; the defaults are umap-learn's.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Size of each point's neighbourhood, the point itself included (umap-learn's `n_neighbors`).
        public var neighbours: Int
        /// How tightly points may pack in the map.
        public var minDistance: Double
        /// The scale of the map's distances.
        public var spread: Double
        /// Passes of gradient descent; nil: 500 up to 10,000 points, 200 above (umap-learn's rule).
        public var epochs: Int?
        public var seed: UInt64
        /// Repulsive samples per attractive one.
        public var negativeSampleRate: Int

        public init(neighbours: Int = 15, minDistance: Double = 0.1, spread: Double = 1.0, epochs: Int? = nil,
                    seed: UInt64 = 1, negativeSampleRate: Int = 5) {
            self.neighbours = neighbours
            self.minDistance = minDistance
            self.spread = spread
            self.epochs = epochs
            self.seed = seed
            self.negativeSampleRate = negativeSampleRate
        }
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// The epochs a fit of `count` points runs.
    public func epochs(for count: Int) -> Int { configuration.epochs ?? (count <= 10_000 ? 500 : 200) }

    /// Maps the rows of `points` to two dimensions (N × 2).
    ///
    /// - Parameter index: an index holding exactly these points, for the k-NN graph; nil builds an
    ///   exact Euclidean one.
    /// - Throws: ``FitError`` for no points, non-finite values, fewer points than `neighbours`,
    ///   all points identical, parameters out of range, or cancellation (checked between epochs).
    public func fit(_ points: Matrix, index: (any VectorIndex)? = nil, progress: any ProgressReporter = SilentProgress(),
                    cancellation: CancellationToken? = nil) throws(FitError) -> Matrix {
        try validate(points)
        let n = points.rows
        progress.begin("UMAP k-NN", total: nil)
        let knn = try NeighbourGraph.build(points, k: configuration.neighbours - 1, index: index)
        progress.end("UMAP k-NN")
        if cancellation?.isCancelled == true { throw .cancelled }
        let epochs = epochs(for: n)
        let fuzzy = FuzzySimplicialSet.graph(knn, neighbours: configuration.neighbours)
        let heaviest = fuzzy.weights.max() ?? 0
        let graph = fuzzy.pruned(below: heaviest / Float(epochs))
        var embedding = try startingLayout(points, graph: graph)
        if cancellation?.isCancelled == true { throw .cancelled }
        let curve = UMAPCurve(minDistance: configuration.minDistance, spread: configuration.spread)
        try optimise(&embedding, graph: graph, curve: curve, epochs: epochs, progress: progress, cancellation: cancellation)
        return Matrix(rows: n, columns: 2, values: embedding)
    }

    private func validate(_ points: Matrix) throws(FitError) {
        guard points.rows > 0, points.columns > 0 else { throw .badPoints(.empty) }
        if let bad = (0..<points.rows).first(where: { r in (0..<points.columns).contains { !points[r, $0].isFinite } }) {
            throw .badPoints(.notFinite(row: bad))
        }
        let c = configuration
        guard c.neighbours >= 2 else { throw .badParameter(name: "neighbours", value: "\(c.neighbours)", reason: "needs at least 2") }
        guard c.spread > 0 else { throw .badParameter(name: "spread", value: "\(c.spread)", reason: "must be positive") }
        guard c.minDistance >= 0, c.minDistance <= c.spread else {
            throw .badParameter(name: "min-distance", value: "\(c.minDistance)", reason: "must be between 0 and the spread")
        }
        if let epochs = c.epochs, epochs < 1 { throw .badParameter(name: "epochs", value: "\(epochs)", reason: "needs at least 1") }
        guard c.negativeSampleRate >= 0 else { throw .badParameter(name: "negative-sample-rate", value: "\(c.negativeSampleRate)", reason: "cannot be negative") }
        guard points.rows >= max(c.neighbours, 3) else { throw .tooFewPoints(points: points.rows, needed: max(c.neighbours, 3)) }
        try NeighbourGraph.requireDistinct(points)
    }

    /// The spectral layout (or PCA's when the graph is disconnected), expanded to a largest
    /// coordinate of 10, jittered by N(0, 10⁻⁴) and rescaled to [0, 10] per axis, as umap-learn.
    private func startingLayout(_ points: Matrix, graph: SparseGraph) throws(FitError) -> [Float] {
        let n = points.rows
        var columns: [[Double]]
        if graph.componentCount == 1, let spectral = SpectralLayout.layout(graph, seed: configuration.seed) {
            columns = spectral
        } else {
            let pca = try PCA(fitting: points, components: 2)
            let projected = pca.transform(points)
            columns = (0..<2).map { c in (0..<n).map { c < projected.columns ? Double(projected[$0, c]) : 0 } }
        }
        let largest = columns.joined().map(abs).max() ?? 0
        let expansion = largest > 0 ? 10 / largest : 1
        var random = SeededRandom(seed: configuration.seed &+ 0x5EED)
        var embedding = [Float](repeating: 0, count: n * 2)
        for c in 0..<2 {
            var values = columns[c].map { Float($0 * expansion) + Float(1e-4 * Self.normal(&random)) }
            let low = values.min()!, high = values.max()!
            if high > low { values = values.map { 10 * ($0 - low) / (high - low) } }
            for i in 0..<n { embedding[i * 2 + c] = values[i] }
        }
        return embedding
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ random: inout SeededRandom) -> Double {
        let u = max(random.nextUnit(), 1e-300), v = random.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// Negative-sampling stochastic gradient descent (umap-learn's `optimize_layout_euclidean`).
    private func optimise(_ embedding: inout [Float], graph: SparseGraph, curve: UMAPCurve, epochs: Int,
                          progress: any ProgressReporter, cancellation: CancellationToken?) throws(FitError) {
        let n = graph.count
        let edges = graph.columns.count
        guard edges > 0 else { return }
        var heads = [Int32](repeating: 0, count: edges)
        for i in 0..<n { for e in graph.offsets[i]..<graph.offsets[i + 1] { heads[e] = Int32(i) } }
        let heaviest = graph.weights.max()!
        let epochsPerSample = graph.weights.map { heaviest / $0 }
        let negativeRate = Float(configuration.negativeSampleRate)
        let epochsPerNegative = epochsPerSample.map { negativeRate > 0 ? $0 / negativeRate : .infinity }
        var nextSample = epochsPerSample
        var nextNegative = epochsPerNegative
        let a = Float(curve.a), b = Float(curve.b)
        var random = SeededRandom(seed: configuration.seed)
        progress.begin("UMAP epochs", total: epochs)
        let edgeCount = edges
        for epoch in 0..<epochs {
            if cancellation?.isCancelled == true { throw .cancelled }
            let alpha = Float(1 - Double(epoch) / Double(epochs))
            let now = Float(epoch)
            // Every array through a pointer: the loop runs ~10⁸ times on large sets.
            embedding.withUnsafeMutableBufferPointer { y in
                nextSample.withUnsafeMutableBufferPointer { nextSample in
                    nextNegative.withUnsafeMutableBufferPointer { nextNegative in
                        epochsPerSample.withUnsafeBufferPointer { epochsPerSample in
                            epochsPerNegative.withUnsafeBufferPointer { epochsPerNegative in
                                heads.withUnsafeBufferPointer { heads in
                                    graph.columns.withUnsafeBufferPointer { tails in
                                        Self.epoch(y: y, heads: heads, tails: tails, nextSample: nextSample, nextNegative: nextNegative,
                                                   epochsPerSample: epochsPerSample, epochsPerNegative: epochsPerNegative,
                                                   edges: edgeCount, points: n, now: now, alpha: alpha, a: a, b: b, random: &random)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            progress.advance("UMAP epochs", completed: epoch + 1, total: epochs)
        }
        progress.end("UMAP epochs")
    }

    /// One epoch of umap-learn's `optimize_layout_euclidean_single_epoch`.
    private static func epoch(y: UnsafeMutableBufferPointer<Float>, heads: UnsafeBufferPointer<Int32>, tails: UnsafeBufferPointer<Int32>,
                              nextSample: UnsafeMutableBufferPointer<Float>, nextNegative: UnsafeMutableBufferPointer<Float>,
                              epochsPerSample: UnsafeBufferPointer<Float>, epochsPerNegative: UnsafeBufferPointer<Float>,
                              edges: Int, points n: Int, now: Float, alpha: Float, a: Float, b: Float, random: inout SeededRandom) {
        var generator = random
        defer { random = generator }
        for e in 0..<edges where nextSample[e] <= now {
            let j = Int(heads[e]), k = Int(tails[e])
            var dx = y[2 * j] - y[2 * k], dy = y[2 * j + 1] - y[2 * k + 1]
            var d2 = dx * dx + dy * dy
            if d2 > 0 {
                let power = powf(d2, b)
                let coefficient = -2 * a * b * (power / d2) / (a * power + 1)
                let gx = clip(coefficient * dx) * alpha, gy = clip(coefficient * dy) * alpha
                y[2 * j] += gx; y[2 * j + 1] += gy
                y[2 * k] -= gx; y[2 * k + 1] -= gy
            }
            nextSample[e] += epochsPerSample[e]
            let due = (now - nextNegative[e]) / epochsPerNegative[e]
            guard due >= 1, due.isFinite else { continue }
            let negatives = Int(due)
            for _ in 0..<negatives {
                let other = Int(generator.below(UInt64(n)))
                dx = y[2 * j] - y[2 * other]; dy = y[2 * j + 1] - y[2 * other + 1]
                d2 = dx * dx + dy * dy
                if d2 > 0 {
                    let power = powf(d2, b)
                    let coefficient = 2 * b / ((0.001 + d2) * (a * power + 1))
                    y[2 * j] += clip(coefficient * dx) * alpha
                    y[2 * j + 1] += clip(coefficient * dy) * alpha
                } else if other != j {
                    y[2 * j] += 4 * alpha
                    y[2 * j + 1] += 4 * alpha
                }
            }
            nextNegative[e] += Float(negatives) * epochsPerNegative[e]
        }
    }

    @inline(__always)
    static func clip(_ value: Float) -> Float { min(4, max(-4, value)) }
}
