/// Settings of an inverted file of product-quantised codes (FAISS `IndexIVFPQ`).
public struct IVFPQParameters: Sendable, Equatable, Codable {
    /// The cells and training of the inverted file.
    public var ivf: IVFParameters
    /// Sub-quantisers per vector (bytes per code at 8 bits); must divide the dimension. Default 64.
    public var m: Int
    /// Bits per sub-quantiser code. Default 8.
    public var nbits: Int

    public init(ivf: IVFParameters = IVFParameters(), m: Int = 64, nbits: Int = 8) {
        self.ivf = ivf
        self.m = m
        self.nbits = nbits
    }
}
