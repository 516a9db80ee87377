import LikenessCore
import LikenessIndex

/// Which index a job searches: exact, one approximate kind, or `auto` (exact for small
/// collections, an inverted file for large ones, probed as the job's ``Purpose`` needs). Parsed once
/// from `--index` by ``init(parsing:)``.
public enum IndexChoice: Sendable, Equatable, Codable, CustomStringConvertible {
    /// ``ExactVectorIndex``: every vector compared (BLAS).
    case exact
    /// An ``ApproximateVectorIndex`` of this kind.
    case approximate(ApproximateIndexKind)
    /// Exact below ``autoExactBelow`` vectors, else the index that suits the job's ``Purpose``.
    case auto

    /// What a job asks of its index, which decides what `auto` becomes for a large collection.
    /// Measured at 1M × 1280-d on clustered vectors (docs/benchmarks.md, "Approximate search"):
    /// the default HNSW graph found 8,205 of 10,000 planted near-duplicate pairs in an all-pairs
    /// run and reached recall@10 0.70 for searches, while IVF-Flat found all 10,000 with 8 of its
    /// 1,024 cells probed (18 min in all, built in 39 s) and reached recall@10 0.9995 with 32.
    public enum Purpose: Sendable, Equatable {
        /// Each vector's close neighbours, usually every stored vector's (`dupes`, `leakage`,
        /// `novelty`, clustering): many queries, and the match sought is far closer than the rest,
        /// so 8 cells are enough (``nearDuplicateProbes``).
        case nearDuplicates
        /// A ranking of the closest stored vectors to a few queries (`search`): the order of the
        /// top k is the result, so the inverted file's default 32 cells are probed.
        case ranking
    }

    /// Cells an inverted file probes for `auto`'s near-duplicate jobs.
    public static let nearDuplicateProbes = 8

    /// The size from which `auto` leaves exact search: 500,000. First chosen for HNSW, from `likeness
    /// bench ann` and `bench scale` on this 2-core machine (docs/benchmarks.md, "Approximate search"):
    /// the exact all-pairs scan costs 8.2e-9 s × N² (82 s at 100,000), an HNSW graph about 3.7 ms per
    /// vector to build and query once, so the graph paid off from about 450,000. The inverted file
    /// that `auto` now takes is cheaper (100,000 clustered vectors grouped in 25 s with every planted
    /// pair found), so the size could come down; it is kept until a series of sizes is measured.
    public static let autoExactBelow = 500_000

    /// The words accepted besides the approximate kinds.
    public static let names = ["exact", "auto"] + ApproximateIndexKind.names

    /// Parses `exact`, `auto`, or an approximate kind such as `hnsw:m=32,ef=64` or `ivfpq:nlist=1024,m=64`.
    public init(parsing text: String) throws(ANNError) {
        switch text.trimmingPrefixAndSuffixSpaces.lowercased() {
        case "exact": self = .exact
        case "auto": self = .auto
        default:
            do { self = .approximate(try ApproximateIndexKind(parsing: text)) } catch {
                if case .unknownIndex = error { throw .unknownIndex(text, valid: Self.names) }
                throw error
            }
        }
    }

    /// What `auto` becomes for a collection of `count` vectors searched for `purpose`; other
    /// choices stay as they are.
    public func resolved(count: Int, for purpose: Purpose = .nearDuplicates) -> IndexChoice {
        guard self == .auto else { return self }
        guard count >= Self.autoExactBelow else { return .exact }
        switch purpose {
        case .nearDuplicates: return .approximate(.ivfFlat(IVFParameters(nprobe: Self.nearDuplicateProbes)))
        case .ranking: return .approximate(.ivfFlat(IVFParameters()))
        }
    }

    /// An index of this choice (resolved for the count and `purpose`) holding `vectors`, and the
    /// resolved choice. `watch` reports an approximate index's build and can stop it (``IndexBuildWatch``).
    public func makeIndex(dimension: Int, metric: VectorMetric, holding vectors: [[Float]], for purpose: Purpose = .nearDuplicates,
                          watch: IndexBuildWatch? = nil) throws -> (index: any VectorIndex, used: IndexChoice) {
        let used = resolved(count: vectors.count, for: purpose)
        switch used {
        case .exact, .auto:
            var index = ExactVectorIndex(dimension: dimension, metric: metric)
            try index.add(vectors)
            return (index, .exact)
        case .approximate(let kind):
            var index = try ApproximateVectorIndex(dimension: dimension, metric: metric, kind: kind)
            try index.add(vectors, watch: watch)
            return (index, used)
        }
    }

    /// `exact`, `auto`, or the kind's canonical text.
    public var description: String {
        switch self {
        case .exact: "exact"
        case .auto: "auto"
        case .approximate(let kind): kind.text
        }
    }
}
