import LikenessCore

/// aHash: shrink to `size × size` grey, one bit per pixel: brighter than the mean.
///
/// Reference: Neal Krawetz, "Looks Like It" (Hacker Factor, 2011); ImageHash `average_hash`.
public struct AverageHash: ImageHasher {
    public let size: Int
    public var method: HashMethod { .aHash }
    public var inputSize: (width: Int, height: Int) { (size, size) }
    public var readsColour: Bool { false }
    public var bitCount: Int { size * size }

    /// - Parameter size: edge of the grey thumbnail; the hash has `size²` bits. Default 8.
    public init(size: Int = 8) throws(HashParameterError) {
        guard size >= 2 else { throw HashParameterError(method: "ahash", message: "size must be at least 2, got \(size)") }
        self.size = size
    }

    public func hash(_ pixels: PixelBuffer) -> BitHash {
        let grey = GreyImage(pixels).values
        let mean = grey.mean()
        return BitHash(bits: grey.map { $0 > mean })
    }
}
