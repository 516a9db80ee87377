import Foundation
import LikenessCore
import LikenessNumerics

/// How well a low-dimensional map keeps neighbourhoods: 1 when each point's `k` nearest
/// neighbours in the map are also among its nearest in the original space, lower as the map
/// brings in points that were far away.
///
///     T(k) = 1 − 2 / (n·k·(2n − 3k − 1)) · Σᵢ Σ_{j ∈ Uᵢ} (r(i, j) − k)
///
/// where Uᵢ holds the map's k nearest neighbours of i that are not among its k nearest in the
/// original space and r(i, j) is j's rank (1 = nearest) among i's original-space neighbours.
/// Distances are Euclidean; ties rank by lower index.
///
/// With `sample`, the sum runs over that many seeded query points (each still ranked against all
/// n points) and n·k becomes sample·k in the normalisation, an unbiased estimate of the full
/// score; memory stays O(n) per query tile, never n × n.
///
/// Reference: J. Venna and S. Kaski, "Neighborhood preservation in nonlinear projection methods:
/// an experimental study" (ICANN 2001); the same definition as scikit-learn's
/// `sklearn.manifold.trustworthiness`.
public enum Trustworthiness {
    /// T(k) of the map `low` (n × any) of the points `high` (n × d), with `sample` seeded queries
    /// (nil or ≥ n: every point). `k` must be below n / 2 for the normalisation to be positive.
    public static func score(high: Matrix, low: Matrix, k: Int = 10, sample: Int? = nil, seed: UInt64 = 1) -> Double {
        let n = high.rows
        precondition(low.rows == n, "the map has \(low.rows) points, the data \(n)")
        precondition(k >= 1 && 2 * n - 3 * k - 1 > 0, "k \(k) is too large for \(n) points")
        var queries = Array(0..<n)
        if let sample, sample < n {
            var random = SeededRandom(seed: seed)
            random.shuffle(&queries)
            queries = Array(queries.prefix(max(1, sample))).sorted()
        }
        let chosen = queries
        let highNorms = high.squaredRowNorms
        let tile = 64
        let starts = Array(stride(from: 0, to: chosen.count, by: tile))
        let penalties = ParallelWork.map(starts, workers: ProcessInfo.processInfo.activeProcessorCount) { start -> Double in
            let block = Array(chosen[start..<min(start + tile, chosen.count)])
            let products = BLAS.product(high.selecting(rows: block), high, transposingB: true)
            var total = 0.0
            var distances = [Float](repeating: 0, count: n)
            for (row, i) in block.enumerated() {
                for j in 0..<n { distances[j] = highNorms[i] + highNorms[j] - 2 * products[row, j] }
                total += penalty(of: i, highDistances: distances, low: low, k: k)
            }
            return total
        }
        let sum = penalties.reduce(0, +)
        let m = Double(queries.count)
        return 1 - 2 / (m * Double(k) * Double(2 * n - 3 * k - 1)) * sum
    }

    /// Σ (r(i, j) − k) over the map's k nearest neighbours j of i whose original rank exceeds k.
    static func penalty(of i: Int, highDistances: [Float], low: Matrix, k: Int) -> Double {
        let n = low.rows
        // The map's k nearest neighbours of i (ties by lower index).
        var nearest: [(distance: Float, id: Int)] = []
        nearest.reserveCapacity(k + 1)
        for j in 0..<n where j != i {
            var distance: Float = 0
            for c in 0..<low.columns { let delta = low[i, c] - low[j, c]; distance += delta * delta }
            if nearest.count == k, let worst = nearest.last, !(distance < worst.distance || (distance == worst.distance && j < worst.id)) { continue }
            let position = nearest.firstIndex { distance < $0.distance || (distance == $0.distance && j < $0.id) } ?? nearest.count
            nearest.insert((distance, j), at: position)
            if nearest.count > k { nearest.removeLast() }
        }
        // Rank of each: 1 + the points (other than i) strictly closer in the original space, or as
        // close with a lower index.
        var total = 0.0
        for (_, j) in nearest {
            let reference = highDistances[j]
            var rank = 1
            for l in 0..<n where l != i {
                let distance = highDistances[l]
                if distance < reference || (distance == reference && l < j) { rank += 1 }
            }
            if rank > k { total += Double(rank - k) }
        }
        return total
    }
}
