import Foundation
import LikenessCore

/// pHash: shrink to `4·size` square grey, take the 2-D DCT-II, keep the `size × size` lowest
/// frequencies (DC included) and set a bit where a coefficient is above their median.
///
/// Reference: Zauner, "Implementation and Benchmarking of Perceptual Image Hash Functions" (2010);
/// ImageHash `phash` (scipy.fftpack.dct, type II, unnormalised, rows then columns).
public struct PerceptualHash: ImageHasher {
    public let size: Int
    /// Ratio of the thumbnail edge to the hash edge. Default 4 (32×32 for an 8×8 hash).
    public let frequencyFactor: Int
    private let cosines: [Float]

    public var method: HashMethod { .pHash }
    public var inputSize: (width: Int, height: Int) { (size * frequencyFactor, size * frequencyFactor) }
    public var readsColour: Bool { false }
    public var bitCount: Int { size * size }

    public init(size: Int = 8, frequencyFactor: Int = 4) throws(HashParameterError) {
        guard size >= 2 else { throw HashParameterError(method: "phash", message: "size must be at least 2, got \(size)") }
        guard frequencyFactor >= 1 else {
            throw HashParameterError(method: "phash", message: "frequency factor must be at least 1, got \(frequencyFactor)")
        }
        self.size = size
        self.frequencyFactor = frequencyFactor
        let n = size * frequencyFactor
        // cosines[k * n + i] = cos(π k (2i + 1) / 2n), only for the k < size rows we keep.
        var table = [Float](repeating: 0, count: size * n)
        for k in 0..<size {
            for i in 0..<n { table[k * n + i] = Float(cos(Double.pi * Double(k) * Double(2 * i + 1) / Double(2 * n))) }
        }
        cosines = table
    }

    public func hash(_ pixels: PixelBuffer) -> BitHash { hash(GreyImage(pixels)) }

    /// The hash of luma already taken (a square of ``inputSize``).
    public func hash(_ grey: GreyImage) -> BitHash {
        let n = grey.width
        // DCT along columns (axis 0) for every x, keeping only the first `size` frequencies.
        var columns = [Float](repeating: 0, count: size * n)
        for k in 0..<size {
            for x in 0..<n {
                var sum: Float = 0
                for y in 0..<n { sum += grey.values[y * n + x] * cosines[k * n + y] }
                columns[k * n + x] = 2 * sum
            }
        }
        // Then along rows (axis 1), again keeping the first `size`.
        var low = [Float](repeating: 0, count: size * size)
        for k in 0..<size {
            for l in 0..<size {
                var sum: Float = 0
                for x in 0..<n { sum += columns[k * n + x] * cosines[l * n + x] }
                low[k * size + l] = 2 * sum
            }
        }
        let median = low.median()
        return BitHash(bits: low.map { $0 > median })
    }
}
