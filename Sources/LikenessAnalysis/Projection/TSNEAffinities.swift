import Dispatch
import Foundation

/// t-SNE's input similarities: for every point a Gaussian over its k nearest neighbours whose
/// bandwidth gives the wanted perplexity (bisection on the precision, entropy in nats, 100 steps,
/// tolerance 1e-5, as scikit-learn's `_binary_search_perplexity`), then symmetrised,
/// pᵢⱼ = (pⱼ|ᵢ + pᵢ|ⱼ) / 2N, so all pᵢⱼ sum to 1.
///
/// Reference: L. van der Maaten, "Accelerating t-SNE using tree-based algorithms" (JMLR 15, 2014),
/// section 4.1.
enum TSNEAffinities {
    static func joint(_ knn: NeighbourGraph, perplexity: Double) -> SparseGraph {
        let n = knn.count, k = knn.k
        let target = log(perplexity)
        var conditional = [Float](repeating: 0, count: n * k)
        // Rows are independent: solved in parallel blocks, each row the same whatever the threads.
        let block = 1024
        let blocks = (n + block - 1) / block
        conditional.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                var squared = [Double](repeating: 0, count: k)
                var p = [Double](repeating: 0, count: k)
                for i in (b * block)..<min(n, (b + 1) * block) {
                    for slot in 0..<k { let d = Double(knn.distances[i * k + slot]); squared[slot] = d * d }
                    // Distances relative to the nearest: the same distribution, no underflow.
                    let nearest = squared.min() ?? 0
                    for slot in 0..<k { squared[slot] -= nearest }
                    var beta = 1.0, low = -Double.infinity, high = Double.infinity
                    for _ in 0..<100 {
                        var sum = 0.0, weighted = 0.0
                        for slot in 0..<k { p[slot] = exp(-squared[slot] * beta); sum += p[slot]; weighted += squared[slot] * p[slot] }
                        let entropy = log(sum) + beta * weighted / sum
                        if abs(entropy - target) < 1e-5 { break }
                        if entropy > target {
                            low = beta
                            beta = high == .infinity ? beta * 2 : (beta + high) / 2
                        } else {
                            high = beta
                            beta = low == -.infinity ? beta / 2 : (beta + low) / 2
                        }
                    }
                    var sum = 0.0
                    for slot in 0..<k { p[slot] = exp(-squared[slot] * beta); sum += p[slot] }
                    for slot in 0..<k { out[i * k + slot] = Float(p[slot] / sum) }
                }
            }
        }
        let scale = Float(1 / (2 * Double(n)))
        return SparseGraph(symmetrising: knn, weights: conditional) { a, b in (a + b) * scale }
    }
}
