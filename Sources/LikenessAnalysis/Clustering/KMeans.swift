import Foundation
import LikenessCore
import LikenessNumerics

/// k-means: k centres that minimise the sum of squared Euclidean distances from each point to
/// its nearest centre (the inertia), by Lloyd's iterations from a greedy k-means++ start.
///
/// Each iteration assigns every point through one matrix product, ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖²
/// (points × centresᵀ by sgemm, in row tiles, so memory stays O(N·k)), then moves each centre to
/// its points' mean. A centre left without points is moved to the point farthest from its own
/// centre. The best of ``Configuration/restarts`` seeded runs is kept.
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
                let changed = Self.assign(points, norms: norms, centres: centres, labels: &labels, distances: &distances)
                let moved = Self.update(points, labels: labels, distances: distances, centres: &centres)
                if changed == 0 || moved <= configuration.tolerance * variance { break }
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
        var chosen = [random.int(in: 0..<points.rows)]
        var closest = Self.squaredDistances(points, norms: norms, to: chosen)[0]
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
            let tried = Self.squaredDistances(points, norms: norms, to: candidates)
            var bestPotential = Double.infinity, bestTrial = 0
            for (trial, distances) in tried.enumerated() {
                var potential = 0.0
                for i in 0..<points.rows { potential += Double(min(closest[i], distances[i])) }
                if potential < bestPotential { (bestPotential, bestTrial) = (potential, trial) }
            }
            chosen.append(candidates[bestTrial])
            for i in 0..<points.rows { closest[i] = min(closest[i], tried[bestTrial][i]) }
        }
        return points.selecting(rows: chosen)
    }

    /// Squared distances from every point to each of the points `to`, one array per target.
    private static func squaredDistances(_ points: Matrix, norms: [Float], to targets: [Int]) -> [[Float]] {
        let products = BLAS.product(points, points.selecting(rows: targets), transposingB: true)
        return targets.enumerated().map { t, target in
            (0..<points.rows).map { i in max(0, norms[i] + norms[target] - 2 * products[i, t]) }
        }
    }

    /// Assigns every point to its nearest centre; returns how many labels changed.
    static func assign(_ points: Matrix, norms: [Float], centres: Matrix, labels: inout [Int], distances: inout [Float]) -> Int {
        let k = centres.rows
        let centreNorms = centres.squaredRowNorms
        let tile = 4096
        var products = [Float](repeating: 0, count: tile * k)
        var changed = 0
        points.values.withUnsafeBufferPointer { all in
            centres.values.withUnsafeBufferPointer { c in
                for start in stride(from: 0, to: points.rows, by: tile) {
                    let count = min(tile, points.rows - start)
                    products.withUnsafeMutableBufferPointer { out in
                        BLAS.productWithTranspose(m: count, n: k, k: points.columns, all.baseAddress! + start * points.columns,
                                                  c.baseAddress!, into: out.baseAddress!)
                    }
                    for row in 0..<count {
                        var best = 0, bestDistance = Float.infinity
                        for centre in 0..<k {
                            let distance = centreNorms[centre] - 2 * products[row * k + centre]
                            if distance < bestDistance { (best, bestDistance) = (centre, distance) }
                        }
                        let point = start + row
                        if labels[point] != best { labels[point] = best; changed += 1 }
                        distances[point] = max(0, bestDistance + norms[point])
                    }
                }
            }
        }
        return changed
    }

    /// Moves each centre to its points' mean (an empty one to the point farthest from its centre);
    /// returns the summed squared shift of the centres.
    static func update(_ points: Matrix, labels: [Int], distances: [Float], centres: inout Matrix) -> Double {
        let k = centres.rows, d = points.columns
        var sums = [Double](repeating: 0, count: k * d)
        var counts = [Int](repeating: 0, count: k)
        // The hot loop of an iteration (N·d additions): raw pointers, no bounds checks per value.
        points.values.withUnsafeBufferPointer { all in
            sums.withUnsafeMutableBufferPointer { total in
                for (point, label) in labels.enumerated() {
                    counts[label] += 1
                    let row = all.baseAddress! + point * d, sum = total.baseAddress! + label * d
                    for column in 0..<d { sum[column] += Double(row[column]) }
                }
            }
        }
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
