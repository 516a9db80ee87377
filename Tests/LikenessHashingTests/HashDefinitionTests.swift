import LikenessCore
@testable import LikenessHashing
import Testing

/// Hand-computed cases for each definition.
@Suite struct HashDefinitionTests {
    /// A grey image as an RGB buffer.
    func grey(_ width: Int, _ height: Int, _ values: [UInt8]) -> PixelBuffer {
        PixelBuffer(width: width, height: height, bytes: values.flatMap { [$0, $0, $0] })
    }

    @Test func averageHashBitsAreAboveMean() throws {
        // Mean 127.5: the bright half is set.
        let pixels = grey(2, 2, [0, 255, 255, 0])
        let value = try AverageHash(size: 2).hash(pixels)
        #expect((0..<4).map { value[$0] } == [false, true, true, false])
    }

    @Test func differenceHashComparesRightNeighbours() throws {
        let pixels = grey(3, 2, [10, 20, 5, 50, 40, 60])
        let value = try DifferenceHash(size: 2).hash(pixels)
        #expect((0..<4).map { value[$0] } == [true, false, false, true])
    }

    @Test("pHash on a 2-D ramp: DC above the median, both first frequencies below it")
    func perceptualRamp() throws {
        let hasher = try PerceptualHash(size: 2, frequencyFactor: 2)
        // 4×4, brightness 60·x + 20·y: rising right strongly, down weakly.
        let values = (0..<4).flatMap { y in (0..<4).map { x in UInt8(60 * x + 20 * y) } }
        let value = hasher.hash(grey(4, 4, values))
        // Coefficients, row-major [DC, horizontal, vertical, mixed]: DC ≫ 0 > vertical > horizontal,
        // mixed ≈ 0. The median lies between vertical and mixed, so DC and mixed are set.
        #expect((0..<4).map { value[$0] } == [true, false, false, true])
    }

    @Test func haarApproximationIsScaledBlockSum() {
        let image = GreyImage(width: 2, height: 2, values: [1, 2, 3, 4])
        #expect(WaveletHash.haarApproximation(image).values == [5])
    }

    @Test func blockMeanSizes() {
        #expect(BlockMeanHash(overlapping: false).bitCount == 256)
        #expect(BlockMeanHash(overlapping: true).bitCount == 961)
    }

    @Test func bitHashHexAndHamming() throws {
        let a = BitHash(bits: [true, false, true, true, false, false, false, true])
        #expect(a.hex == "b1")
        let b = try #require(BitHash(hex: "b0", count: 8))
        #expect(a.hammingDistance(to: b) == 1)
        #expect(BitHash(hex: "b1", count: 7) == nil, "7 bits need two hex digits with a zero pad bit")
        let odd = BitHash(bits: [true, true, true, true, true])
        #expect(odd.hex == "f8")
        #expect(BitHash(hex: "f8", count: 5) == odd)
        #expect(BitHash(hex: "fc", count: 5) == nil)
    }
}
