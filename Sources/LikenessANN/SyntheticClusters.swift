import Foundation
import LikenessCore

/// Seeded, clustered synthetic vectors, the data approximate indexes are measured on in tests and
/// in `likeness bench ann`: Gaussian blobs around random centres, so neighbours are mostly in the
/// same blob (as for embeddings of similar images) but blobs overlap enough that cells and graph
/// links are not trivially right.
public struct SyntheticClusters: Sendable {
    public var dimension: Int
    public var clusters: Int
    /// Standard deviation of a point around its centre, relative to that of the centres (1).
    public var spread: Float
    public var seed: UInt64

    public init(dimension: Int, clusters: Int = 100, spread: Float = 0.35, seed: UInt64 = 1) {
        self.dimension = dimension
        self.clusters = Swift.max(1, clusters)
        self.spread = spread
        self.seed = seed
    }

    /// `count` vectors, row-major. The same seed and sizes give the same values everywhere.
    /// `stream` picks an independent sequence over the same centres (0 for the stored vectors,
    /// 1 for queries).
    public func rows(_ count: Int, stream: UInt64 = 0) -> [Float] {
        var centreDraws = SeededRandom(seed: seed)
        var centres = [Float](repeating: 0, count: clusters * dimension)
        for i in centres.indices { centres[i] = Self.gaussian(&centreDraws) }
        var draws = SeededRandom(seed: seed &* 0x9E37_79B9 &+ 1 &+ stream &* 0x5851_F42D)
        var out = [Float](repeating: 0, count: count * dimension)
        for row in 0..<count {
            let centre = Int(draws.below(UInt64(clusters)))
            for j in 0..<dimension {
                out[row * dimension + j] = centres[centre * dimension + j] + spread * Self.gaussian(&draws)
            }
        }
        return out
    }

    /// The same vectors as an array of arrays.
    public func vectors(_ count: Int, stream: UInt64 = 0) -> [[Float]] {
        let flat = rows(count, stream: stream)
        return (0..<count).map { Array(flat[($0 * dimension)..<(($0 + 1) * dimension)]) }
    }

    /// A standard normal draw (Box–Muller, one of the pair).
    static func gaussian(_ draws: inout SeededRandom) -> Float {
        let u = Swift.max(draws.nextUnit(), 1e-300), v = draws.nextUnit()
        return Float((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v))
    }
}
