import LikenessCore

/// wHash: shrink to `8·size` square grey, remove the overall brightness (the deepest Haar
/// approximation), take Haar approximations down to `size × size`, and set a bit where a
/// coefficient is above their median.
///
/// Reference: ImageHash `whash` with mode "haar" and `remove_max_haar_ll`. ImageHash decodes at the
/// image's own power-of-two scale; Likeness fixes the scale at `8·size` so it can shrink on load.
public struct WaveletHash: ImageHasher {
    public let size: Int
    public var method: HashMethod { .wHash }
    public var inputSize: (width: Int, height: Int) { (size * 8, size * 8) }
    public var readsColour: Bool { false }
    public var bitCount: Int { size * size }

    /// - Parameter size: edge of the hash, a power of two. Default 8.
    public init(size: Int = 8) throws(HashParameterError) {
        guard size >= 2, size & (size - 1) == 0 else {
            throw HashParameterError(method: "whash", message: "size must be a power of two ≥ 2, got \(size)")
        }
        self.size = size
    }

    public func hash(_ pixels: PixelBuffer) -> BitHash {
        var image = GreyImage(pixels)
        // Zeroing the coarsest Haar approximation and reconstructing subtracts the mean.
        let mean = image.values.mean()
        image.values = image.values.map { $0 / 255 - mean / 255 }
        while image.width > size { image = Self.haarApproximation(image) }
        let median = image.values.median()
        return BitHash(bits: image.values.map { $0 > median })
    }

    /// One level of the orthonormal 2-D Haar transform's approximation band: (a + b + c + d) / 2.
    static func haarApproximation(_ image: GreyImage) -> GreyImage {
        let w = image.width / 2, h = image.height / 2
        var out = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                out[y * w + x] = (image[2 * x, 2 * y] + image[2 * x + 1, 2 * y] + image[2 * x, 2 * y + 1] + image[2 * x + 1, 2 * y + 1]) / 2
            }
        }
        return GreyImage(width: w, height: h, values: out)
    }
}
