import LikenessCore

extension ApproximateVectorIndex {
    /// Reads an index of `kind` that ``write(to:)`` wrote when it was trained (HNSW always is).
    ///
    /// The file must hold `dimension`-long vectors; the kind's search setting (HNSW's efSearch,
    /// IVF's nprobe) is set again from `kind`, so the file is searched as the caller configured.
    /// The caller vouches that the file was written for `metric` and `kind` (FAISS files do not
    /// say which of cosine and dot they were made for); a file of another structure is refused
    /// when its search setting cannot be applied.
    public init(reading path: String, dimension: Int, metric: VectorMetric = .cosine, kind: ApproximateIndexKind) throws(ANNError) {
        let storage = try FaissIndex.read(from: path)
        guard storage.dimension == dimension else { throw .dimensionMismatch(expected: dimension, actual: storage.dimension) }
        guard storage.isTrained else { throw .notTrained }
        switch kind {
        case .hnsw(let p): try storage.setEfSearch(p.efSearch)
        case .ivfFlat(let p): try storage.setNprobe(p.nprobe)
        case .ivfPQ(let p): try storage.setNprobe(p.ivf.nprobe)
        }
        self.init(storage: storage, dimension: dimension, metric: metric, kind: kind)
    }
}
