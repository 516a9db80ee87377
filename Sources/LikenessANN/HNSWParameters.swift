/// Settings of an HNSW graph (FAISS `IndexHNSWFlat`).
public struct HNSWParameters: Sendable, Equatable, Codable {
    /// Links per node (FAISS `M`); more is better recall, more memory and slower building. Default 32.
    public var m: Int
    /// Beam width while building. Default 64.
    public var efConstruction: Int
    /// Beam width while searching; raised to `k` when `k` is larger. Default 64.
    public var efSearch: Int

    public init(m: Int = 32, efConstruction: Int = 64, efSearch: Int = 64) {
        self.m = m
        self.efConstruction = efConstruction
        self.efSearch = efSearch
    }
}
