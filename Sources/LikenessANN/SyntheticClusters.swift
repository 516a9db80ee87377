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
        var draws = Rows(self, stream: stream)
        var out: [Float] = []
        out.reserveCapacity(count * dimension)
        for _ in 0..<count { out += draws.next() }
        return out
    }

    /// The vectors of ``rows(_:stream:)`` one at a time, for callers that should not hold them
    /// all twice (a million 1280-d vectors are 5 GB).
    public struct Rows: Sendable {
        private let dimension: Int
        private let spread: Float
        private var centres: [Float]
        private var draws: SeededRandom

        public init(_ clusters: SyntheticClusters, stream: UInt64 = 0) {
            dimension = clusters.dimension
            spread = clusters.spread
            var centreDraws = SeededRandom(seed: clusters.seed)
            centres = [Float](repeating: 0, count: clusters.clusters * clusters.dimension)
            for i in centres.indices { centres[i] = SyntheticClusters.gaussian(&centreDraws) }
            draws = SeededRandom(seed: clusters.seed &* 0x9E37_79B9 &+ 1 &+ stream &* 0x5851_F42D)
        }

        /// The next vector: a random centre plus `spread` times a Gaussian draw per coordinate.
        public mutating func next() -> [Float] {
            let centre = Int(draws.below(UInt64(centres.count / dimension))) * dimension
            var row = [Float](repeating: 0, count: dimension)
            for j in 0..<dimension { row[j] = centres[centre + j] + spread * SyntheticClusters.gaussian(&draws) }
            return row
        }
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
