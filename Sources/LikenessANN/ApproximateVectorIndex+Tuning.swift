import LikenessCore

extension ApproximateVectorIndex {
    /// Changes how widely the index is searched (HNSW's `ef`, IVF's `nprobe`) without rebuilding it.
    ///
    /// `kind` must describe the same structure as ``kind`` (the same name and build settings:
    /// HNSW's `m` and `efConstruction`, IVF's `nlist` and training size, PQ's `m` and `nbits`);
    /// only the search setting may differ. Another structure would need another index and is refused.
    public mutating func retune(to kind: ApproximateIndexKind) throws(ANNError) {
        guard Self.structure(of: kind) == Self.structure(of: self.kind) else {
            throw .invalidParameter(name: "index", value: kind.text,
                                    reason: "only the search setting of \(self.kind.text) can change without rebuilding")
        }
        try kind.validate(dimension: dimension)
        makeUnique()
        switch kind {
        case .hnsw(let p): try storage.setEfSearch(p.efSearch)
        case .ivfFlat(let p): if isTrained { try storage.setNprobe(p.nprobe) }
        case .ivfPQ(let p): if isTrained { try storage.setNprobe(p.ivf.nprobe) }
        }
        self.kind = kind
    }

    /// `kind` with its search setting reset, so two kinds of one structure compare equal.
    private static func structure(of kind: ApproximateIndexKind) -> ApproximateIndexKind {
        switch kind {
        case .hnsw(var p): p.efSearch = 1; return .hnsw(p)
        case .ivfFlat(var p): p.nprobe = 1; return .ivfFlat(p)
        case .ivfPQ(var p): p.ivf.nprobe = 1; return .ivfPQ(p)
        }
    }
}
