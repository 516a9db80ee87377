import Dispatch
import Foundation
import LikenessCore
import LikenessNumerics

/// t-distributed stochastic neighbour embedding to two dimensions, with Barnes–Hut forces: a map
/// where points that are near in the original space stay near, and clusters separate.
///
/// Steps, as openTSNE and scikit-learn: sparse input similarities over each point's ⌊3·perplexity⌋
/// nearest neighbours (``TSNEAffinities``, through a ``VectorIndex``), a PCA start scaled so the
/// first coordinate's standard deviation is 10⁻⁴, then gradient descent on KL(P‖Q) with a
/// Student-t Q: the attractive term exactly over the sparse P, the repulsive term by a Barnes–Hut
/// quadtree (a cell stands for its points when its side is below `theta` × its distance), the
/// first 250 iterations with P exaggerated and momentum 0.5, then momentum 0.8, per-coordinate
/// gains (+0.2 / ×0.8, at least 0.01), each point's step capped at 5 and the map re-centred.
///
/// Reproducible: forces are summed per point in a fixed order and the partition function in point
/// order, so the same seed gives the same map on any number of threads.
///
/// References: L. van der Maaten and G. Hinton, "Visualizing data using t-SNE" (JMLR 9, 2008);
/// L. van der Maaten, "Accelerating t-SNE using tree-based algorithms" (JMLR 15, 2014);
/// G. Linderman and others, "Fast interpolation-based t-SNE" (Nature Methods, 2019) and
/// A. Belkina and others, "Automated optimized parameters for t-SNE" (Nature Comms, 2019) for the
/// learning rate N / (4 · exaggeration).
public struct TSNE: Sendable {
    /// Typed settings; the defaults are openTSNE's.
    public struct Configuration: Sendable, Codable, Equatable {
        /// The effective number of neighbours each point's similarity spreads over.
        public var perplexity: Double
        /// Gradient-descent iterations in all, the exaggerated ones included.
        public var iterations: Int
        /// Factor on P during the first ``earlyIterations``.
        public var earlyExaggeration: Double
        /// Step size; nil: max(N / earlyExaggeration / 4, 50).
        public var learningRate: Double?
        /// Barnes–Hut accuracy: 0 is exact (slow), larger is coarser.
        public var theta: Double
        /// Breaks ties between identical points (a jitter of 10⁻⁶ of the start's scale).
        public var seed: UInt64
        /// Iterations with exaggeration and momentum 0.5.
        public var earlyIterations: Int
        /// Threads for the forces; nil: every core.
        public var threads: Int?

        public init(perplexity: Double = 30, iterations: Int = 750, earlyExaggeration: Double = 12, learningRate: Double? = nil,
                    theta: Double = 0.5, seed: UInt64 = 1, earlyIterations: Int = 250, threads: Int? = nil) {
            self.perplexity = perplexity
            self.iterations = iterations
            self.earlyExaggeration = earlyExaggeration
            self.learningRate = learningRate
            self.theta = theta
            self.seed = seed
            self.earlyIterations = earlyIterations
            self.threads = threads
        }
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// Maps the rows of `points` to two dimensions (N × 2).
    ///
    /// - Parameter index: an index holding exactly these points, for the nearest neighbours; nil
    ///   builds an exact Euclidean one.
    /// - Throws: ``FitError`` for no points, non-finite values, fewer than perplexity + 2 points,
    ///   all points identical, parameters out of range, or cancellation (checked every iteration).
    public func fit(_ points: Matrix, index: (any VectorIndex)? = nil, progress: any ProgressReporter = SilentProgress(),
                    cancellation: CancellationToken? = nil) throws(FitError) -> Matrix {
        try validate(points)
        let n = points.rows
        let k = min(n - 1, Int(3 * configuration.perplexity))
        progress.begin("t-SNE k-NN", total: nil)
        let knn = try NeighbourGraph.build(points, k: k, index: index)
        progress.end("t-SNE k-NN")
        if cancellation?.isCancelled == true { throw .cancelled }
        let p = TSNEAffinities.joint(knn, perplexity: configuration.perplexity)
        var y = try start(points)
        try optimise(&y, p: p, progress: progress, cancellation: cancellation)
        return Matrix(rows: n, columns: 2, values: y.map(Float.init))
    }

    private func validate(_ points: Matrix) throws(FitError) {
        guard points.rows > 0, points.columns > 0 else { throw .badPoints(.empty) }
        if let bad = (0..<points.rows).first(where: { r in (0..<points.columns).contains { !points[r, $0].isFinite } }) {
            throw .badPoints(.notFinite(row: bad))
        }
        let c = configuration
        guard c.perplexity >= 1, c.perplexity.isFinite else { throw .badParameter(name: "perplexity", value: "\(c.perplexity)", reason: "must be at least 1") }
        guard c.iterations >= 1 else { throw .badParameter(name: "iterations", value: "\(c.iterations)", reason: "needs at least 1") }
        guard c.earlyIterations >= 0 else { throw .badParameter(name: "early-iterations", value: "\(c.earlyIterations)", reason: "cannot be negative") }
        guard c.earlyExaggeration > 0 else { throw .badParameter(name: "early-exaggeration", value: "\(c.earlyExaggeration)", reason: "must be positive") }
        guard c.theta >= 0 else { throw .badParameter(name: "theta", value: "\(c.theta)", reason: "cannot be negative") }
        if let rate = c.learningRate, !(rate > 0) { throw .badParameter(name: "learning-rate", value: "\(rate)", reason: "must be positive") }
        let needed = Int(c.perplexity) + 2
        guard points.rows >= needed else { throw .tooFewPoints(points: points.rows, needed: needed) }
        try NeighbourGraph.requireDistinct(points)
    }

    /// The first two principal components, scaled so the first has standard deviation 10⁻⁴
    /// (openTSNE's and scikit-learn's PCA start), plus a seeded jitter 10⁻⁶ of that.
    private func start(_ points: Matrix) throws(FitError) -> [Double] {
        let n = points.rows
        let pca = try PCA(fitting: points, components: 2)
        let projected = pca.transform(points)
        var first = (0..<n).map { Double(projected[$0, 0]) }
        let mean = first.reduce(0, +) / Double(n)
        first = first.map { $0 - mean }
        let deviation = (first.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot()
        let scale = deviation > 0 ? 1e-4 / deviation : 1
        var random = SeededRandom(seed: configuration.seed)
        var y = [Double](repeating: 0, count: 2 * n)
        for i in 0..<n {
            for c in 0..<2 {
                let value = c < projected.columns ? Double(projected[i, c]) : 0
                y[2 * i + c] = value * scale + 1e-10 * (random.nextUnit() - 0.5)
            }
        }
        return y
    }

    private func optimise(_ y: inout [Double], p: SparseGraph, progress: any ProgressReporter,
                          cancellation: CancellationToken?) throws(FitError) {
        let n = p.count
        let c = configuration
        let rate = c.learningRate ?? max(Double(n) / c.earlyExaggeration / 4, 50)
        let threads = max(1, c.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        var update = [Double](repeating: 0, count: 2 * n)
        var gains = [Double](repeating: 1, count: 2 * n)
        var gradient = [Double](repeating: 0, count: 2 * n)
        var scratch = [Double](repeating: 0, count: 3 * n)
        progress.begin("t-SNE iterations", total: c.iterations)
        for iteration in 0..<c.iterations {
            if cancellation?.isCancelled == true { throw .cancelled }
            let early = iteration < c.earlyIterations
            let exaggeration = early ? c.earlyExaggeration : 1
            let momentum = early ? 0.5 : 0.8
            forces(y, p: p, exaggeration: exaggeration, threads: threads, gradient: &gradient, scratch: &scratch)
            var meanX = 0.0, meanY = 0.0
            for i in 0..<n {
                var stepX = 0.0, stepY = 0.0
                for axis in 0..<2 {
                    let slot = 2 * i + axis
                    let g = gradient[slot]
                    gains[slot] = (g > 0) != (update[slot] > 0) ? gains[slot] + 0.2 : gains[slot] * 0.8
                    gains[slot] = max(gains[slot], 0.01)
                    let step = momentum * update[slot] - rate * gains[slot] * g
                    if axis == 0 { stepX = step } else { stepY = step }
                }
                let norm = (stepX * stepX + stepY * stepY).squareRoot()
                if norm > 5 { stepX *= 5 / norm; stepY *= 5 / norm }
                update[2 * i] = stepX; update[2 * i + 1] = stepY
                y[2 * i] += stepX; y[2 * i + 1] += stepY
                meanX += y[2 * i]; meanY += y[2 * i + 1]
            }
            meanX /= Double(n); meanY /= Double(n)
            for i in 0..<n { y[2 * i] -= meanX; y[2 * i + 1] -= meanY }
            progress.advance("t-SNE iterations", completed: iteration + 1, total: c.iterations)
        }
        progress.end("t-SNE iterations")
    }

    /// The KL gradient 4 (α Σⱼ pᵢⱼ qᵢⱼZ (yᵢ − yⱼ) − Σⱼ (qᵢⱼZ)² (yᵢ − yⱼ) / Z), repulsion by Barnes–Hut.
    /// `scratch` holds each point's unnormalised repulsion and its share of Z until Z is known.
    private func forces(_ y: [Double], p: SparseGraph, exaggeration: Double, threads: Int,
                        gradient: inout [Double], scratch: inout [Double]) {
        let n = p.count
        let theta = configuration.theta
        y.withUnsafeBufferPointer { positions in
            let tree = BarnesHutTree(positions, count: n)
            let chunk = max(256, (n + threads * 8 - 1) / (threads * 8))
            let chunks = (n + chunk - 1) / chunk
            let workers = min(threads, chunks)
            let theta2 = theta * theta
            tree.nodes.withUnsafeBufferPointer { nodes in
                tree.order.withUnsafeBufferPointer { order in
                    gradient.withUnsafeMutableBufferPointer { gradientOut in
                        scratch.withUnsafeMutableBufferPointer { repulsionOut in
                            nonisolated(unsafe) let gradientOut = gradientOut, repulsionOut = repulsionOut, positions = positions
                            nonisolated(unsafe) let nodes = nodes, order = order
                            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                                // Depth-first traversal: at most 3 × depth + 1 cells wait at once.
                                let stack = UnsafeMutablePointer<Int32>.allocate(capacity: 4096)
                                defer { stack.deallocate() }
                                var piece = worker
                                while piece < chunks {
                                    // Points in tree order, so consecutive traversals share cells.
                                    for position in (piece * chunk)..<min(n, (piece + 1) * chunk) {
                                        let i = Int(order[position])
                                        let x = positions[2 * i], yy = positions[2 * i + 1]
                                        let repulsion = BarnesHutTree.repulsion(of: i, x: x, y: yy, theta2: theta2, nodes: nodes, order: order,
                                                                                positions: positions, stack: stack)
                                        var ax = 0.0, ay = 0.0
                                        for e in p.offsets[i]..<p.offsets[i + 1] {
                                            let j = Int(p.columns[e])
                                            let dx = x - positions[2 * j], dy = yy - positions[2 * j + 1]
                                            let w = Double(p.weights[e]) / (1 + dx * dx + dy * dy)
                                            ax += w * dx; ay += w * dy
                                        }
                                        gradientOut[2 * i] = exaggeration * ax
                                        gradientOut[2 * i + 1] = exaggeration * ay
                                        repulsionOut[3 * i] = repulsion.fx
                                        repulsionOut[3 * i + 1] = repulsion.fy
                                        repulsionOut[3 * i + 2] = repulsion.z
                                    }
                                    piece += workers
                                }
                            }
                        }
                    }
                }
            }
        }
        // Z summed in point order, whatever the threads.
        var z = 0.0
        for i in 0..<n { z += scratch[3 * i + 2] }
        let inverse = z > 0 ? 1 / z : 0
        for i in 0..<n {
            gradient[2 * i] = 4 * (gradient[2 * i] - scratch[3 * i] * inverse)
            gradient[2 * i + 1] = 4 * (gradient[2 * i + 1] - scratch[3 * i + 1] * inverse)
        }
    }
}
