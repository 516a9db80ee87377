import Dispatch
import LikenessCore

extension MetricIndex {
    /// Every pair of stored vectors (i < j) within `threshold` by the metric: a value at least
    /// `threshold` for similarities, at most it for distances. Pairs the metric leaves undefined
    /// are not within. In order of `i`, then `j`.
    ///
    /// BLAS metrics use ``ExactVectorIndex/pairs(within:)`` (the threshold squared back for squared
    /// Euclidean); the others scan the upper triangle, rows spread over the cores. Memory: the
    /// pairs found, which can grow as N²/2 on dense data.
    public func pairs(within threshold: Double) -> [(i: Int, j: Int, score: Double)] {
        let higher = metric.higherIsCloser, measured = metric
        if let blas {
            let limit = measured == .squaredEuclidean ? Float(Swift.max(0, threshold).squareRoot()) : Float(threshold)
            return blas.pairs(within: limit)
                .map { (i: $0.i, j: $0.j, score: Double(measured.indexScore($0.score))) }
                .filter { higher ? $0.score >= threshold : $0.score <= threshold }
                .sorted { $0.i != $1.i ? $0.i < $1.i : $0.j < $1.j }
        }
        let n = count, d = dimension, kernel = self.kernel
        let found = UnsafeMutableBufferPointer<[(i: Int, j: Int, score: Double)]>.allocate(capacity: n)
        found.initialize(repeating: [])
        defer { found.deallocate() }
        nonisolated(unsafe) let output = found
        rows.withUnsafeBufferPointer { stored in
            nonisolated(unsafe) let stored = stored
            DispatchQueue.concurrentPerform(iterations: n) { i in
                let row = UnsafeBufferPointer(rebasing: stored[(i * d)..<((i + 1) * d)])
                var mine: [(i: Int, j: Int, score: Double)] = []
                for j in (i + 1)..<Swift.max(i + 1, n) {
                    let other = UnsafeBufferPointer(rebasing: stored[(j * d)..<((j + 1) * d)])
                    if let value = kernel(row, other), higher ? value >= threshold : value <= threshold {
                        mine.append((i, j, value))
                    }
                }
                output[i] = mine
            }
        }
        return found.flatMap { $0 }
    }
}
