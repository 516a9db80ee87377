import Foundation

/// UMAP's fuzzy topological representation of the data: each point's k-NN distances smoothed
/// into memberships, then the directed graph symmetrised by fuzzy union.
///
/// For point i with distances d₁ ≤ … (the point itself counted as the first of `k` neighbours,
/// as umap-learn does), ρᵢ is the distance to its nearest other point at a non-zero distance and
/// σᵢ solves Σⱼ exp(−max(0, dⱼ − ρᵢ) / σᵢ) = log₂ k by bisection (64 steps, tolerance 1e-5),
/// floored at 1e-3 × the mean neighbour distance. Membership wᵢⱼ = exp(−max(0, dᵢⱼ − ρᵢ) / σᵢ);
/// the union is wᵢⱼ + wⱼᵢ − wᵢⱼ·wⱼᵢ.
///
/// Reference: L. McInnes, J. Healy and J. Melville, "UMAP: Uniform Manifold Approximation and
/// Projection for Dimension Reduction" (arXiv:1802.03426, 2018), section 3 and appendix.
enum FuzzySimplicialSet {
    /// The symmetric membership graph of a k-NN graph whose rows hold `neighbours − 1` other points.
    static func graph(_ knn: NeighbourGraph, neighbours: Int) -> SparseGraph {
        let n = knn.count, k = knn.k
        let target = log2(Double(neighbours))
        var total = 0.0
        for d in knn.distances { total += Double(d) }
        // The mean over all neighbour slots, the point itself (at 0) included.
        let meanAll = total / Double(n * neighbours)
        var memberships = [Float](repeating: 0, count: n * k)
        for i in 0..<n {
            let row = knn.distances[(i * k)..<((i + 1) * k)]
            let rho = Double(row.first { $0 > 0 } ?? 0)
            var low = 0.0, high = Double.infinity, sigma = 1.0
            for _ in 0..<64 {
                var sum = 0.0
                for d in row {
                    let excess = Double(d) - rho
                    sum += excess > 0 ? exp(-excess / sigma) : 1
                }
                if abs(sum - target) < 1e-5 { break }
                if sum > target {
                    high = sigma
                    sigma = (low + high) / 2
                } else {
                    low = sigma
                    sigma = high == .infinity ? sigma * 2 : (low + high) / 2
                }
            }
            if rho > 0 {
                let mean = row.reduce(0.0) { $0 + Double($1) } / Double(neighbours)
                sigma = max(sigma, 1e-3 * mean)
            } else {
                sigma = max(sigma, 1e-3 * meanAll)
            }
            for (slot, d) in row.enumerated() {
                let excess = Double(d) - rho
                memberships[i * k + slot] = Int(knn.ids[i * k + slot]) == i ? 0
                    : (excess <= 0 || sigma == 0 ? 1 : Float(exp(-excess / sigma)))
            }
        }
        return SparseGraph(symmetrising: knn, weights: memberships) { a, b in a + b - a * b }
    }
}
