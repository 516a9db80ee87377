import Foundation
import LikenessANN
import LikenessCore

/// The vectors `bench scale` plants its duplicates among.
public enum ScaleData: String, Sendable, Codable, CaseIterable {
    /// Independent Gaussian vectors: nearly orthogonal in high dimensions and without structure,
    /// the hardest case for a graph index (every vector's neighbours are about equally far).
    case random
    /// ``SyntheticClusters`` with one centre per 100 vectors, as `bench ann` uses: neighbours are
    /// mostly in the same blob, as for embeddings of similar images.
    case clustered

    /// `count` vectors in which every 100th has a noisy twin right after it (the twin counts
    /// towards `count`), and the planted pairs as `i · count + j` keys with i < j.
    func vectors(count: Int, dimension: Int) -> (vectors: [[Float]], planted: Set<Int64>) {
        var generator = SeededRandom(seed: 42)
        var clustered = SyntheticClusters.Rows(SyntheticClusters(dimension: dimension, clusters: Swift.max(10, count / 100), seed: 42))
        var vectors: [[Float]] = []
        vectors.reserveCapacity(count)
        var planted = Set<Int64>()
        while vectors.count < count {
            let v: [Float]
            switch self {
            case .random: v = (0..<dimension).map { _ in Float(generator.nextGaussian()) }
            case .clustered: v = clustered.next()
            }
            vectors.append(v)
            if vectors.count % 100 == 1 && vectors.count < count {
                planted.insert(Int64(vectors.count - 1) * Int64(count) + Int64(vectors.count))
                vectors.append(v.map { $0 + 0.05 * Float(generator.nextGaussian()) })
            }
        }
        return (vectors, planted)
    }
}

extension SeededRandom {
    /// A standard normal deviate (Box–Muller), for synthetic data.
    mutating func nextGaussian() -> Double {
        let u1 = max(nextUnit(), 1e-300), u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
