import Foundation
import LikenessCore
import LikenessNumerics

/// k-means: k centres that minimise the sum of squared Euclidean distances from each point to
/// its nearest centre (the inertia), by Lloyd's iterations from a greedy k-means++ start.
///
/// Each iteration reads the points once: every point's distances to the centres,
/// ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖², by ``NearestCentres`` (the product of the points with the
/// centres, taken point by point because k ≪ d makes a packed sgemm copy-bound), and in the same
/// read its values are added to its centre's sum; blocks of points run on every core. Then each
/// centre moves to its points' mean. Memory stays O(N + k·d) beyond the points. A centre left
/// without points is moved to the point farthest from its own centre. The best of
/// ``Configuration/restarts`` seeded runs is kept.
///
/// References: S. Lloyd, "Least squares quantization in PCM" (1982); D. Arthur and
/// S. Vassilvitskii, "k-means++: the advantages of careful seeding" (2007), with the greedy
/// variant that tries 2 + ⌊ln k⌋ candidates per centre as scikit-learn does.
public struct KMeans: Sendable {
    /// Typed settings with the defaults Likeness uses.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Number of clusters.
        public var k: Int
        /// Independent seeded starts; the run with the lowest inertia is kept.
        public var restarts: Int
        /// Most Lloyd iterations per start.
        public var iterations: Int
        /// Stop when the centres moved less than this share of the data's mean per-column variance
        /// (squared, summed over centres), as scikit-learn's `tol`.
        public var tolerance: Double
        public var seed: UInt64

        public init(k: Int, restarts: Int = 3, iterations: Int = 300, tolerance: Double = 1e-4, seed: UInt64 = 1) {
            self.k = k
            self.restarts = restarts
            self.iterations = iterations
            self.tolerance = tolerance
            self.seed = seed
        }
    }

    /// A fitted k-means.
    public struct Fit: Sendable, Equatable {
        public let labels: ClusterLabels
        /// Centres, one row per raw cluster (before canonical numbering: row `centreOfCluster[c]` is cluster c's).
        public let centres: Matrix
        /// For every canonical cluster, its row in ``centres``.
        public let centreOfCluster: [Int]
        /// Sum of squared distances of each point to its centre.
        public let inertia: Double
        /// Lloyd iterations of the kept start.
        public let iterations: Int
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Fits k centres to the rows of `points`.
    public func fit(_ points: Matrix, cancellation: CancellationToken? = nil) throws(FitError) -> Fit {
        let k = configuration.k
        guard k >= 1 else { throw .badParameter(name: "--k", value: "\(k)", reason: "needs at least one cluster") }
        guard configuration.restarts >= 1 else { throw .badParameter(name: "restarts", value: "\(configuration.restarts)", reason: "needs at least one start") }
        guard points.rows > 0 else { throw .badPoints(.empty) }
        guard points.rows >= k else { throw .tooFewPoints(points: points.rows, needed: k) }
        let norms = points.squaredRowNorms
        let variance = points.meanColumnVariance
        var best: (labels: [Int], centres: Matrix, inertia: Double, iterations: Int)?
        var random = SeededRandom(seed: configuration.seed)
        for _ in 0..<configuration.restarts {
            if cancellation?.isCancelled == true { throw .cancelled }
            var centres = seed(points, norms: norms, random: &random)
            var labels = [Int](repeating: -1, count: points.rows)
            var distances = [Float](repeating: 0, count: points.rows)
            var iteration = 0
            while iteration < configuration.iterations {
                if cancellation?.isCancelled == true { throw .cancelled }
                iteration += 1
                let pass = Self.assign(points, norms: norms, centres: centres, labels: &labels, distances: &distances, accumulating: true)
                let moved = Self.update(points, pass: pass, distances: distances, centres: &centres)
                if pass.changed == 0 || moved <= configuration.tolerance * variance { break }
            }
            _ = Self.assign(points, norms: norms, centres: centres, labels: &labels, distances: &distances)
            let inertia = distances.reduce(0.0) { $0 + Double($1) }
            if best == nil || inertia < best!.inertia { best = (labels, centres, inertia, iteration) }
        }
        let kept = best!
        let canonical = ClusterLabels(raw: kept.labels)
        var rowOf = [Int](repeating: 0, count: canonical.clusterCount)
        for (point, raw) in kept.labels.enumerated() { rowOf[canonical.labels[point]] = raw }
        return Fit(labels: canonical, centres: kept.centres, centreOfCluster: rowOf, inertia: kept.inertia, iterations: kept.iterations)
    }

    /// Greedy k-means++: the first centre uniformly, each next one the best (lowest resulting
    /// potential) of 2 + ⌊ln k⌋ candidates drawn with probability ∝ squared distance to the nearest chosen centre.
    func seed(_ points: Matrix, norms: [Float], random: inout SeededRandom) -> Matrix {
        let k = configuration.k
        let trials = 2 + Int(log(Double(k)))
        let n = points.rows
        var chosen = [random.int(in: 0..<n)]
        var closest = Self.squaredDistances(points, norms: norms, to: points.selecting(rows: chosen))
        while chosen.count < k {
            let total = closest.reduce(0.0) { $0 + Double($1) }
            var candidates: [Int] = []
            for _ in 0..<trials {
                guard total > 0 else { candidates.append(random.int(in: 0..<points.rows)); continue }
                var target = random.nextUnit() * total
                var pick = 0
                while pick < points.rows - 1 && target >= Double(closest[pick]) { target -= Double(closest[pick]); pick += 1 }
                candidates.append(pick)
            }
            let tried = Self.squaredDistances(points, norms: norms, to: points.selecting(rows: candidates))
            var bestPotential = Double.infinity, bestTrial = 0
            for trial in candidates.indices {
                var potential = 0.0
                for i in 0..<n { potential += Double(min(closest[i], tried[trial * n + i])) }
                if potential < bestPotential { (bestPotential, bestTrial) = (potential, trial) }
            }
            chosen.append(candidates[bestTrial])
            for i in 0..<n { closest[i] = min(closest[i], tried[bestTrial * n + i]) }
        }
        return points.selecting(rows: chosen)
    }

    /// Moves each centre to the mean of its points (``Pass/sums`` over ``Pass/counts``; an empty
    /// one to the point farthest from its centre); returns the summed squared shift of the centres.
    static func update(_ points: Matrix, pass: Pass, distances: [Float], centres: inout Matrix) -> Double {
        let k = centres.rows, d = points.columns
        let (sums, counts) = (pass.sums, pass.counts)
        var taken = Set<Int>()
        var shift = 0.0
        for centre in 0..<k {
            var next = [Float](repeating: 0, count: d)
            if counts[centre] > 0 {
                for column in 0..<d { next[column] = Float(sums[centre * d + column] / Double(counts[centre])) }
            } else {
                let far = distances.indices.filter { !taken.contains($0) }.max { distances[$0] < distances[$1] } ?? 0
                taken.insert(far)
                next = points.row(far)
            }
            for column in 0..<d {
                let delta = Double(next[column] - centres[centre, column])
                shift += delta * delta
                centres[centre, column] = next[column]
            }
        }
        return shift
    }
}
