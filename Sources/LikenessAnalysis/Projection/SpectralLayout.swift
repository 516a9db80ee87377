import LikenessCore
import LikenessNumerics

/// Two coordinates per point from the eigenvectors of a graph's normalised Laplacian
/// L = I − D^(−1/2) W D^(−1/2) with the smallest non-zero eigenvalues (the Laplacian eigenmap),
/// UMAP's default starting layout.
///
/// Up to ``denseLimit`` points the eigenvectors come from LAPACK (`dsyevr`) on the dense matrix.
/// Above it, by seeded subspace iteration with a Rayleigh–Ritz step on (I + D^(−1/2) W D^(−1/2)) / 2,
/// deflated against its known top eigenvector D^(1/2)·1: 100 sparse products per vector, memory
/// O(N·k). That does not converge the eigenvectors on large graphs, but leaves smooth low-frequency
/// coordinates, enough for a starting layout (umap-learn's `eigsh` also stops at a loose tolerance).
///
/// Reference: M. Belkin and P. Niyogi, "Laplacian eigenmaps for dimensionality reduction and data
/// representation" (Neural Computation, 2003).
enum SpectralLayout {
    /// Largest point count solved densely.
    static let denseLimit = 2000

    /// N × 2 coordinates, or nil when the graph has isolated points or the eigensolver failed.
    static func layout(_ graph: SparseGraph, seed: UInt64, iterations: Int = 100) -> [[Double]]? {
        let n = graph.count
        guard n >= 3 else { return nil }
        var degree = [Double](repeating: 0, count: n)
        for i in 0..<n { for e in graph.offsets[i]..<graph.offsets[i + 1] { degree[i] += Double(graph.weights[e]) } }
        guard degree.allSatisfy({ $0 > 0 }) else { return nil }
        let scale = degree.map { 1 / $0.squareRoot() }
        if n <= denseLimit {
            var m = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for e in graph.offsets[i]..<graph.offsets[i + 1] {
                    let j = Int(graph.columns[e])
                    m[i * n + j] = Double(graph.weights[e]) * scale[i] * scale[j]
                }
            }
            guard let eigen = try? SymmetricEigen(symmetric: m, n: n, largest: 3), eigen.vectors.count == 3 else { return nil }
            return [eigen.vectors[1], eigen.vectors[2]]
        }
        return subspaceIteration(graph, scale: scale, degree: degree, seed: seed, iterations: iterations)
    }

    private static func subspaceIteration(_ graph: SparseGraph, scale: [Double], degree: [Double], seed: UInt64, iterations: Int) -> [[Double]]? {
        let n = graph.count, block = 4
        // The known top eigenvector D^(1/2)·1, normalised.
        var top = degree.map { $0.squareRoot() }
        let topNorm = top.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in 0..<n { top[i] /= topNorm }
        var random = SeededRandom(seed: seed)
        var basis = (0..<block).map { _ in (0..<n).map { _ in random.nextUnit() - 0.5 } }
        orthonormalise(&basis, against: top)
        var product = basis
        for _ in 0..<iterations {
            for b in 0..<block { multiply(graph, scale: scale, basis[b], into: &product[b]) }
            swap(&basis, &product)
            orthonormalise(&basis, against: top)
        }
        // Rayleigh–Ritz: the block's projection of the operator, solved densely, rotates the basis.
        for b in 0..<block { multiply(graph, scale: scale, basis[b], into: &product[b]) }
        var h = [Double](repeating: 0, count: block * block)
        for a in 0..<block { for b in 0..<block { h[a * block + b] = dot(basis[a], product[b]) } }
        guard let eigen = try? SymmetricEigen(symmetric: h, n: block, largest: 2), eigen.vectors.count == 2 else { return nil }
        return eigen.vectors.map { coefficients in
            var vector = [Double](repeating: 0, count: n)
            for b in 0..<block { for i in 0..<n { vector[i] += coefficients[b] * basis[b][i] } }
            return vector
        }
    }

    /// out = (x + D^(−1/2) W D^(−1/2) x) / 2.
    private static func multiply(_ graph: SparseGraph, scale: [Double], _ x: [Double], into out: inout [Double]) {
        graph.offsets.withUnsafeBufferPointer { offsets in
            graph.columns.withUnsafeBufferPointer { columns in
                graph.weights.withUnsafeBufferPointer { weights in
                    scale.withUnsafeBufferPointer { scale in
                        x.withUnsafeBufferPointer { x in
                            out.withUnsafeMutableBufferPointer { out in
                                for i in 0..<graph.count {
                                    var sum = 0.0
                                    for e in offsets[i]..<offsets[i + 1] {
                                        let j = Int(columns[e])
                                        sum += Double(weights[e]) * scale[j] * x[j]
                                    }
                                    out[i] = (x[i] + scale[i] * sum) / 2
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Modified Gram–Schmidt, each vector first made orthogonal to `fixed`.
    private static func orthonormalise(_ basis: inout [[Double]], against fixed: [Double]) {
        for b in basis.indices {
            var v = basis[b]
            for other in [fixed] + basis[..<b] {
                let projection = dot(v, other)
                for i in v.indices { v[i] -= projection * other[i] }
            }
            let norm = dot(v, v).squareRoot()
            basis[b] = norm > 0 ? v.map { $0 / norm } : v
        }
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }
}
