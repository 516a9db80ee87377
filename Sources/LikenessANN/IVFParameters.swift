/// Settings of an inverted file of full vectors (FAISS `IndexIVFFlat`).
public struct IVFParameters: Sendable, Equatable, Codable {
    /// k-means cells. Default 1024.
    public var nlist: Int
    /// Cells a query visits; more is better recall and slower search. Default 32.
    public var nprobe: Int
    /// Vectors held (and searched exactly) before the cells are trained on them. Default 39 × nlist,
    /// FAISS's own minimum for k-means without a warning.
    public var trainingSize: Int

    public init(nlist: Int = 1024, nprobe: Int = 32, trainingSize: Int? = nil) {
        self.nlist = nlist
        self.nprobe = nprobe
        self.trainingSize = trainingSize ?? 39 * nlist
    }
}
