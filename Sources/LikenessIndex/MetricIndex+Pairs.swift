import Dispatch
import LikenessCore

extension MetricIndex {
    /// Every pair of stored vectors (i < j) within `threshold` by the metric: a value at least
    /// `threshold` for similarities, at most it for distances. Pairs the metric leaves undefined
    /// are not within. In order of `i`, then `j`.
    ///
    /// BLAS metrics use ``ExactVectorIndex/pairs(within:)`` (the threshold squared back for squared
    /// Euclidean; constant vectors left out for Pearson and Spearman); the others scan the upper
    /// triangle by the metric's ``ScanKernel``, rows spread over the cores. Memory: the
    /// pairs found, which can grow as N²/2 on dense data.
    public func pairs(within threshold: Double) -> [(i: Int, j: Int, score: Double)] {
        let higher = metric.higherIsCloser, measured = metric
        if let blas {
            let limit = measured == .squaredEuclidean ? Float(Swift.max(0, threshold).squareRoot()) : Float(threshold)
            let constant = self.constant
            return blas.pairs(within: limit)
                .filter { !constant.contains($0.i) && !constant.contains($0.j) }
                .map { (i: $0.i, j: $0.j, score: measured.isCorrelation ? Swift.min(1, Swift.max(-1, Double($0.score))) : Double(measured.indexScore($0.score))) }
                .filter { higher ? $0.score >= threshold : $0.score <= threshold }
                .sorted { $0.i != $1.i ? $0.i < $1.i : $0.j < $1.j }
        }
        let n = count, d = dimension, kernel = self.kernel
        let found = UnsafeMutableBufferPointer<[(i: Int, j: Int, score: Double)]>.allocate(capacity: n)
        found.initialize(repeating: [])
        defer { found.deallocate() }
        nonisolated(unsafe) let output = found
        guard n > 1 else { return [] }
        rows.withUnsafeBufferPointer { stored in
            nonisolated(unsafe) let stored = stored
            DispatchQueue.concurrentPerform(iterations: n - 1) { i in
                let later = n - i - 1
                withUnsafeTemporaryAllocation(of: Float.self, capacity: later) { values in
                    kernel.values(stored.baseAddress! + i * d, rows: stored.baseAddress! + (i + 1) * d, count: later, dimension: d, into: values.baseAddress!)
                    var mine: [(i: Int, j: Int, score: Double)] = []
                    for offset in 0..<later where !values[offset].isNaN {
                        let value = Double(values[offset])
                        if higher ? value >= threshold : value <= threshold { mine.append((i, i + 1 + offset, value)) }
                    }
                    output[i] = mine
                }
            }
        }
        return found.flatMap { $0 }
    }
}
