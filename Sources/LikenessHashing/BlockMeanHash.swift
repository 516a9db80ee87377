import LikenessCore

/// Block-mean hash: shrink to 256×256 grey, average 16×16-pixel blocks, and set a bit where a
/// block is brighter than the median block. The overlapping variant steps blocks by 8 pixels
/// (31 × 31 = 961 bits) and tolerates small shifts better.
///
/// Reference: Yang, Gu and Niu, "Block Mean Value Based Image Perceptual Hashing" (IIH-MSP 2006),
/// methods 1 and 2; OpenCV `img_hash::BlockMeanHash` modes 0 and 1.
public struct BlockMeanHash: ImageHasher {
    /// Whether blocks overlap by half.
    public let overlapping: Bool
    static let side = 256
    static let block = 16

    public var method: HashMethod { overlapping ? .blockMeanOverlap : .blockMean }
    public var inputSize: (width: Int, height: Int) { (Self.side, Self.side) }
    public var readsColour: Bool { false }
    public var bitCount: Int { blocksPerSide * blocksPerSide }

    private var step: Int { overlapping ? Self.block / 2 : Self.block }
    private var blocksPerSide: Int { (Self.side - Self.block) / step + 1 }

    public init(overlapping: Bool = false) {
        self.overlapping = overlapping
    }

    public func hash(_ pixels: PixelBuffer) -> BitHash {
        let grey = GreyImage(pixels)
        // Summed-area table so every block mean costs four lookups.
        let side = Self.side
        var integral = [Float](repeating: 0, count: (side + 1) * (side + 1))
        for y in 0..<side {
            var row: Float = 0
            for x in 0..<side {
                row += grey.values[y * side + x]
                integral[(y + 1) * (side + 1) + x + 1] = integral[y * (side + 1) + x + 1] + row
            }
        }
        func sum(_ x: Int, _ y: Int) -> Float {
            let (x1, y1) = (x + Self.block, y + Self.block)
            return integral[y1 * (side + 1) + x1] - integral[y * (side + 1) + x1]
                - integral[y1 * (side + 1) + x] + integral[y * (side + 1) + x]
        }
        var means: [Float] = []
        means.reserveCapacity(bitCount)
        for by in 0..<blocksPerSide {
            for bx in 0..<blocksPerSide { means.append(sum(bx * step, by * step) / Float(Self.block * Self.block)) }
        }
        let median = means.median()
        return BitHash(bits: means.map { $0 > median })
    }
}
