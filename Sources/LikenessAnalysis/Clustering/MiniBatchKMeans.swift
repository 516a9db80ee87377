import LikenessCore
import LikenessNumerics

/// Mini-batch k-means for large N: each step assigns a seeded random batch of points to the
/// nearest centres and moves every touched centre towards its batch points with a per-centre
/// learning rate of 1 / (points it has seen), so a step costs O(batch · k · d) instead of a pass
/// over all N points.
///
/// Centres start from greedy k-means++ (as ``KMeans``) on a seeded sample of 3 × batch points;
/// the best of ``Configuration/restarts`` starts, by inertia on that sample, is kept. Steps stop
/// after ``Configuration/epochs`` passes' worth of batches, or earlier when the smoothed batch
/// inertia has not improved for 10 batches (scikit-learn's rule). A final pass assigns every point
/// and measures the inertia, which is typically within a few per cent of Lloyd's.
///
/// A centre no batch point ever chose keeps no points, so the labels may hold fewer than k clusters.
///
/// Reference: D. Sculley, "Web-scale k-means clustering" (WWW 2010).
public struct MiniBatchKMeans: Sendable {
    /// Typed settings.
    public struct Configuration: Sendable, Codable, Equatable {
        public var k: Int
        /// Points per step. Default 1024 (scikit-learn's).
        public var batchSize: Int
        /// Most passes over the data, counted in batches of `batchSize`. Default 100.
        public var epochs: Int
        /// k-means++ starts tried on the initial sample. Default 3.
        public var restarts: Int
        public var seed: UInt64

        public init(k: Int, batchSize: Int = 1024, epochs: Int = 100, restarts: Int = 3, seed: UInt64 = 1) {
            self.k = k
            self.batchSize = batchSize
            self.epochs = epochs
            self.restarts = restarts
            self.seed = seed
        }
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Fits k centres to the rows of `points`; the result has the same shape as ``KMeans``'s.
    public func fit(_ points: Matrix, cancellation: CancellationToken? = nil) throws(FitError) -> KMeans.Fit {
        let (k, batch) = (configuration.k, configuration.batchSize)
        guard k >= 1 else { throw .badParameter(name: "--k", value: "\(k)", reason: "needs at least one cluster") }
        guard batch >= 1 else { throw .badParameter(name: "batchSize", value: "\(batch)", reason: "must be at least 1") }
        guard configuration.restarts >= 1, configuration.epochs >= 1 else {
            throw .badParameter(name: "restarts/epochs", value: "\(configuration.restarts)/\(configuration.epochs)", reason: "must be at least 1")
        }
        try FitError.check(points)
        let n = points.rows
        guard n >= k else { throw .tooFewPoints(points: n, needed: k) }
        var random = SeededRandom(seed: configuration.seed)
        let sample = points.selecting(rows: Self.draw(min(n, max(3 * batch, k)), from: n, distinct: true, &random))
        let sampleNorms = sample.squaredRowNorms
        let seeding = KMeans(.init(k: k))
        var centres = Matrix(zeros: k, columns: points.columns), bestInertia = Double.infinity
        for _ in 0..<configuration.restarts {
            try FitError.checkCancellation(cancellation)
            let candidate = seeding.seed(sample, norms: sampleNorms, random: &random)
            var labels = [Int](repeating: -1, count: sample.rows), distances = [Float](repeating: 0, count: sample.rows)
            _ = KMeans.assign(sample, norms: sampleNorms, centres: candidate, labels: &labels, distances: &distances)
            let inertia = distances.reduce(0.0) { $0 + Double($1) }
            if inertia < bestInertia { (centres, bestInertia) = (candidate, inertia) }
        }
        var seen = [Double](repeating: 0, count: k)
        let steps = max(1, configuration.epochs * n / batch)
        var smoothed = Double.nan, bestSmoothed = Double.infinity, stale = 0
        let alpha = min(1, 2 * Double(batch) / Double(n + 1))
        let norms = points.squaredRowNorms
        var labels = [Int](repeating: -1, count: min(batch, n)), distances = [Float](repeating: 0, count: min(batch, n))
        for step in 0..<steps {
            if step % 16 == 0 { try FitError.checkCancellation(cancellation) }
            let rows = Self.draw(min(batch, n), from: n, distinct: false, &random)
            let pass = KMeans.assign(points, norms: norms, centres: centres, labels: &labels, distances: &distances,
                                     subset: rows, accumulating: true)
            Self.move(&centres, pass: pass, seen: &seen)
            let inertia = distances.reduce(0.0) { $0 + Double($1) } / Double(rows.count)
            smoothed = smoothed.isNaN ? inertia : smoothed * (1 - alpha) + inertia * alpha
            if smoothed < bestSmoothed { (bestSmoothed, stale) = (smoothed, 0) } else { stale += 1 }
            if stale >= 10 { break }
        }
        labels = [Int](repeating: -1, count: n)
        distances = [Float](repeating: 0, count: n)
        _ = KMeans.assign(points, norms: norms, centres: centres, labels: &labels, distances: &distances)
        let canonical = ClusterLabels(raw: labels)
        var rowOf = [Int](repeating: 0, count: canonical.clusterCount)
        for (point, raw) in labels.enumerated() { rowOf[canonical.labels[point]] = raw }
        return KMeans.Fit(labels: canonical, centres: centres, centreOfCluster: rowOf,
                          inertia: distances.reduce(0.0) { $0 + Double($1) }, iterations: 0)
    }

    /// Sculley's update, batched: each centre becomes the running mean of every point it was
    /// given (its batch points' sum and count from the pass).
    private static func move(_ centres: inout Matrix, pass: KMeans.Pass, seen: inout [Double]) {
        let d = centres.columns
        centres.values.withUnsafeMutableBufferPointer { values in
            pass.sums.withUnsafeBufferPointer { sums in
                for centre in 0..<values.count / d where pass.counts[centre] > 0 {
                    let before = seen[centre], total = before + Double(pass.counts[centre])
                    let row = values.baseAddress! + centre * d, sum = sums.baseAddress! + centre * d
                    for c in 0..<d { row[c] = Float((Double(row[c]) * before + sum[c]) / total) }
                    seen[centre] = total
                }
            }
        }
    }

    /// `count` seeded indices below `n`: distinct (a shuffled prefix) or drawn with replacement.
    private static func draw(_ count: Int, from n: Int, distinct: Bool, _ random: inout SeededRandom) -> [Int] {
        guard distinct else { return (0..<count).map { _ in random.int(in: 0..<n) } }
        var all = Array(0..<n)
        for i in 0..<count { all.swapAt(i, random.int(in: i..<n)) }
        return Array(all.prefix(count))
    }
}
