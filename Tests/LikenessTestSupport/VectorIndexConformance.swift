import LikenessCore
import Testing

/// The contract every ``VectorIndex`` keeps, written once and run against any index.
///
/// Give it a factory and an expectation. `.exact` (for ``ExactVectorIndex``) wants the ground
/// truth of ``BruteForceNeighbors``: same ids in the same order, scores within ``tolerance``.
/// `.recall(atLeast:)` (for an approximate index) measures recall of the true neighbours instead
/// and wants it at least the bound; everything else in the contract (errors, empty index, k
/// bounds, ordering of what is returned) is checked the same way in both.
///
/// Float scores are compared with a tolerance (scaled by the score's size), and a position
/// whose true score is within the tolerance of its neighbour's is a tie the index may order
/// either way; the ``Check/ties`` check uses exactly representable data instead, where the
/// lower-id rule is checked to the bit.
public struct VectorIndexConformance: Sendable {
    /// What an index must reach against the ground truth.
    public enum Expectation: Sendable, Equatable {
        /// The exact ids, order and scores.
        case exact
        /// At least this fraction of the true neighbours, for every operation.
        case recall(atLeast: Double)
    }

    /// One part of the contract; each is a test case of its own.
    public enum Check: String, Sendable, CaseIterable, CustomTestStringConvertible {
        /// Seeded random data against brute force: top-k, top-k within a threshold, range,
        /// neighbours, pairs and neighbour pairs, at every size and query count given.
        case groundTruth
        /// Equal scores ordered by lower id (exact indexes only).
        case ties
        /// Ids continue across batches; stored vectors read back (normalised for cosine).
        case addAndLookup
        /// An empty index answers every operation with empty lists.
        case emptyIndex
        /// `k` above the count gives every vector; `k` ≤ 0 gives none.
        case kBeyondCount
        /// Vectors of the wrong length are refused with the typed error, added or searched with.
        case dimensionMismatch
        /// NaN and infinities are refused with the typed error, added or searched with.
        case nonFinite
        /// A zero vector is stored as it is and scores 0 for cosine and dot.
        case zeroVector

        public var testDescription: String { rawValue }
    }

    /// Makes an empty index of a dimension and a metric.
    public typealias Factory = @Sendable (_ dimension: Int, _ metric: VectorMetric) -> any VectorIndex

    public var expectation: Expectation
    /// Index sizes for ``Check/groundTruth``: put them on and around the index's tile sizes.
    public var sizes: [Int]
    /// Query batch sizes for ``Check/groundTruth``, likewise.
    public var queryCounts: [Int]
    public var dimension: Int
    /// Score tolerance, relative for scores above 1 in magnitude.
    public var tolerance: Float
    public var seed: UInt64
    let make: Factory

    public init(expectation: Expectation = .exact, sizes: [Int] = [1, 2, 63, 64, 65, 129], queryCounts: [Int] = [1, 8, 9, 17],
                dimension: Int = 16, tolerance: Float = 1e-3, seed: UInt64 = 1, make: @escaping Factory) {
        self.expectation = expectation
        self.sizes = sizes
        self.queryCounts = queryCounts
        self.dimension = dimension
        self.tolerance = tolerance
        self.seed = seed
        self.make = make
    }

    /// The checks that apply under `expectation`: all of them, less ``Check/ties`` for recall.
    public static func checks(for expectation: Expectation) -> [Check] {
        expectation == .exact ? Check.allCases : Check.allCases.filter { $0 != .ties }
    }

    /// Runs one check for every metric; failures are recorded as test issues.
    public func run(_ check: Check) throws {
        for metric in VectorMetric.allCases {
            switch check {
            case .groundTruth: try groundTruth(metric)
            case .ties: try ties(metric)
            case .addAndLookup: try addAndLookup(metric)
            case .emptyIndex: try emptyIndex(metric)
            case .kBeyondCount: try kBeyondCount(metric)
            case .dimensionMismatch: try dimensionMismatch(metric)
            case .nonFinite: try nonFinite(metric)
            case .zeroVector: try zeroVector(metric)
            }
        }
    }

    /// `count` vectors of uniform values in [-1, 1], the same for the same seed.
    func random(_ count: Int, seed: UInt64) -> [[Float]] {
        var generator = SeededRandom(seed: seed)
        return (0..<count).map { _ in (0..<dimension).map { _ in Float(generator.nextUnit() * 2 - 1) } }
    }

    /// An index of `metric` holding `vectors` (of ``dimension`` values unless said otherwise),
    /// added in two batches so ids must continue.
    func index(_ metric: VectorMetric, dimension: Int? = nil, holding vectors: [[Float]]) throws -> any VectorIndex {
        let dimension = dimension ?? self.dimension
        var index = make(dimension, metric)
        let half = vectors.count / 2
        try index.add(Array(vectors[..<half]))
        try index.add(Array(vectors[half...]))
        #expect(index.count == vectors.count && index.dimension == dimension && index.metric == metric, "\(metric)")
        return index
    }
}
