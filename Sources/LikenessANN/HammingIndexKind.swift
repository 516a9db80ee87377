/// Which FAISS index holds bit hashes (compared by Hamming distance), with its settings.
///
/// Made from the same typed ``ApproximateIndexKind`` that `--index` parses for embeddings, so
/// `--index hnsw:m=16,ef=128` means the same for a hash method; only product quantisation, which
/// compresses float vectors, has no binary counterpart and is refused.
public enum HammingIndexKind: Sendable, Equatable {
    /// FAISS `IndexBinaryFlat`: every code compared; the same answers as an exact Hamming scan.
    case flat
    /// FAISS `IndexBinaryHNSW`: a graph over the codes.
    case hnsw(HNSWParameters)
    /// FAISS `IndexBinaryIVF`: codes in cells found by k-means in Hamming space.
    case ivf(IVFParameters)

    /// The binary counterpart of an approximate kind; throws for `ivfpq`.
    public init(_ kind: ApproximateIndexKind) throws(ANNError) {
        switch kind {
        case .hnsw(let p): self = .hnsw(p)
        case .ivfFlat(let p): self = .ivf(p)
        case .ivfPQ:
            throw .invalidParameter(name: "index", value: kind.text,
                                    reason: "product quantisation compresses float vectors; bit hashes take exact, hnsw or ivf")
        }
    }

    /// `flat`, or the settings as `--index` writes them (`hnsw:m=32,efConstruction=64,ef=64`).
    public var text: String {
        switch self {
        case .flat: "flat"
        case .hnsw(let p): ApproximateIndexKind.hnsw(p).text
        case .ivf(let p): ApproximateIndexKind.ivfFlat(p).text
        }
    }

    /// Codes held exactly before the cells are trained (0 for kinds that need no training).
    var trainingSize: Int {
        if case .ivf(let p) = self { return Swift.max(p.trainingSize, p.nlist) }
        return 0
    }
}
