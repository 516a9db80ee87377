import LikenessCore

/// dHash: shrink to `(size + 1) × size` grey, one bit per horizontal neighbour pair: right brighter than left.
///
/// Reference: Neal Krawetz, "Kind of Like That" (Hacker Factor, 2013); ImageHash `dhash`.
public struct DifferenceHash: ImageHasher {
    public let size: Int
    public var method: HashMethod { .dHash }
    public var inputSize: (width: Int, height: Int) { (size + 1, size) }
    public var readsColour: Bool { false }
    public var bitCount: Int { size * size }

    /// - Parameter size: rows of the hash; the hash has `size²` bits. Default 8.
    public init(size: Int = 8) throws(HashParameterError) {
        guard size >= 2 else { throw HashParameterError(method: "dhash", message: "size must be at least 2, got \(size)") }
        self.size = size
    }

    public func hash(_ pixels: PixelBuffer) -> BitHash {
        let grey = GreyImage(pixels)
        var bits: [Bool] = []
        bits.reserveCapacity(bitCount)
        for y in 0..<size {
            for x in 0..<size { bits.append(grey[x + 1, y] > grey[x, y]) }
        }
        return BitHash(bits: bits)
    }
}
