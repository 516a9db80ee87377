import LikenessCore
import LikenessIndex

/// Which index a job searches: exact, one approximate kind, or `auto` (exact for small
/// collections; for large ones HNSW when every vector is a query, an inverted file when a ranking
/// is asked for). Parsed once from `--index` by ``init(parsing:)``.
public enum IndexChoice: Sendable, Equatable, Codable, CustomStringConvertible {
    /// ``ExactVectorIndex``: every vector compared (BLAS).
    case exact
    /// An ``ApproximateVectorIndex`` of this kind.
    case approximate(ApproximateIndexKind)
    /// Exact below ``autoExactBelow`` vectors, else the index that suits the job's ``Purpose``.
    case auto

    /// What a job asks of its index, which decides what `auto` becomes for a large collection.
    public enum Purpose: Sendable, Equatable {
        /// Each vector's close neighbours, usually every stored vector's (`dupes`, `leakage`,
        /// `novelty`, clustering): many queries, and what is sought is much closer than the rest.
        /// `auto` takes HNSW: at 1M × 1280-d it answered 1,371–1,653 queries/s on one thread
        /// against IVF-Flat's 127, and it found the planted near-duplicates (docs/benchmarks.md).
        case nearDuplicates
        /// A ranking of the closest stored vectors to a few queries (`search`): the order of the
        /// top k is the result. `auto` takes IVF-Flat: at 1M × 1280-d (clustered vectors) its
        /// recall@10 was 0.9995 against the default graph's 0.70, and it built in 73 s against 516.
        case ranking
    }

    /// The size from which `auto` takes HNSW: 500,000. From `likeness bench ann` and `bench scale`
    /// on this 2-core machine (docs/benchmarks.md, "Approximate search"): an HNSW graph costs about
    /// 3.7 ms per vector to build and query once (20,000 × 1280-d), while the exact all-pairs scan
    /// costs 8.2e-9 s × N² (82 s at 100,000), so the graph pays off for all-pairs jobs only from
    /// about 450,000 vectors. Chosen when every run built its graph; `search` and `dupes` now keep
    /// it next to the catalog and add only new images, which makes later runs cheaper, but the
    /// first run still builds, so the size is unchanged until a run series is measured.
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
        case .nearDuplicates: return .approximate(.hnsw(HNSWParameters()))
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
