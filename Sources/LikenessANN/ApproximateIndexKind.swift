/// Which approximate index to build, with its settings.
///
/// Written on the command line as `hnsw`, `hnsw:m=32,ef=64`, `ivf:nlist=1024,nprobe=32` or
/// `ivfpq:nlist=1024,m=64`, parsed once by ``init(parsing:)``.
public enum ApproximateIndexKind: Sendable, Equatable, Codable {
    /// An HNSW graph over full vectors: no training, best recall per query time, most memory.
    case hnsw(HNSWParameters)
    /// An inverted file of full vectors: trained k-means cells.
    case ivfFlat(IVFParameters)
    /// An inverted file of product-quantised codes: smallest memory, lowest recall.
    case ivfPQ(IVFPQParameters)

    /// The names accepted before the colon.
    public static let names = ["hnsw", "ivf", "ivfpq"]

    /// The short name (`hnsw`, `ivf`, `ivfpq`).
    public var name: String {
        switch self {
        case .hnsw: "hnsw"
        case .ivfFlat: "ivf"
        case .ivfPQ: "ivfpq"
        }
    }

    /// Vectors held exactly before training (0 for kinds that need none).
    public var trainingSize: Int {
        switch self {
        case .hnsw: 0
        case .ivfFlat(let p): p.trainingSize
        case .ivfPQ(let p): p.ivf.trainingSize
        }
    }

    /// Throws unless FAISS can build this kind over `dimension`-long vectors.
    public func validate(dimension: Int) throws(ANNError) {
        func positive(_ name: String, _ value: Int, atLeast minimum: Int = 1) throws(ANNError) {
            guard value >= minimum else { throw .invalidParameter(name: name, value: "\(value)", reason: "must be at least \(minimum)") }
        }
        switch self {
        case .hnsw(let p):
            try positive("m", p.m, atLeast: 2)
            try positive("efConstruction", p.efConstruction)
            try positive("ef", p.efSearch)
        case .ivfFlat(let p):
            try Self.validate(p)
        case .ivfPQ(let p):
            try Self.validate(p.ivf)
            try positive("m", p.m)
            guard dimension % p.m == 0 else {
                throw .invalidParameter(name: "m", value: "\(p.m)", reason: "must divide the dimension \(dimension)")
            }
            guard (1...16).contains(p.nbits) else { throw .invalidParameter(name: "nbits", value: "\(p.nbits)", reason: "must be 1 to 16") }
            // Each sub-quantiser is k-means over 2^nbits centroids.
            guard p.ivf.trainingSize >= 1 << p.nbits else {
                throw .invalidParameter(name: "train", value: "\(p.ivf.trainingSize)", reason: "must be at least 2^nbits (\(1 << p.nbits))")
            }
        }
    }

    private static func validate(_ p: IVFParameters) throws(ANNError) {
        guard p.nlist >= 1 else { throw .invalidParameter(name: "nlist", value: "\(p.nlist)", reason: "must be at least 1") }
        guard p.nprobe >= 1 else { throw .invalidParameter(name: "nprobe", value: "\(p.nprobe)", reason: "must be at least 1") }
        guard p.trainingSize >= p.nlist else {
            throw .invalidParameter(name: "train", value: "\(p.trainingSize)", reason: "must be at least nlist (\(p.nlist))")
        }
    }
}
