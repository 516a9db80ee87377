import LikenessCore
import LikenessHashing
import LikenessTestSupport
import Testing

@Suite struct ColorHistogramTests {
    @Test("single pixels land in hand-computed bins")
    func bins() {
        #expect(ColorHistogram.bin(r: 0, g: 0, b: 0) == 0)        // black: grey bin 0
        #expect(ColorHistogram.bin(r: 255, g: 255, b: 255) == 15) // white: V = 1 → clamped to 15
        #expect(ColorHistogram.bin(r: 128, g: 128, b: 128) == 8)  // V = 0.502 → ⌊8.03⌋
        #expect(ColorHistogram.bin(r: 200, g: 190, b: 180) == 12) // S = 0.1: near-grey, V = 0.784 → 12
        #expect(ColorHistogram.bin(r: 255, g: 0, b: 0) == 24)     // red: hue 0, S 2, V 2 → 16 + 2·3 + 2
        #expect(ColorHistogram.bin(r: 255, g: 0, b: 10) == 24)    // hue 357.6° wraps into the red bin
        #expect(ColorHistogram.bin(r: 0, g: 0, b: 255) == 69)     // blue: 240° → hue 5 → 16 + 17·3 + 2
        #expect(ColorHistogram.bin(r: 60, g: 0, b: 0) == 22)      // dark red: V 0.235 → value bin 0
        #expect(ColorHistogram.bin(r: 40, g: 0, b: 0) == 2)       // V 0.157 < 0.2: achromatic, ⌊2.5⌋
    }

    @Test("a 2×2 image: black, white and two reds give 1/4, 1/4 and 1/2")
    func image() {
        let pixels = PixelBuffer(width: 2, height: 2, bytes: [0, 0, 0, 255, 255, 255, 255, 0, 0, 255, 0, 0])
        let histogram = ColorHistogram().histogram(pixels)
        var expected = [Float](repeating: 0, count: 88)
        expected[0] = 0.25; expected[15] = 0.25; expected[24] = 0.5
        #expect(histogram == expected)
        let vector = ColorHistogram().vector(pixels)
        #expect(vector[24] == Float(0.5).squareRoot() && vector[0] == 0.5)
    }

    @Test("greyscale images use only the 16 grey bins; any image's bins sum to 1")
    func grey() {
        // One pixel at the middle of each grey bin: 8, 24, …, 248.
        let levels: [UInt8] = (0..<16).map { UInt8($0 * 16 + 8) }
        let ramp = PixelBuffer(width: 16, height: 1, bytes: levels.flatMap { [$0, $0, $0] })
        let expected: [Float] = (0..<88).map { $0 < 16 ? 1.0 / 16 : 0 }
        #expect(ColorHistogram().histogram(ramp) == expected)
        let photo = ColorHistogram().histogram(Fixtures.pattern(width: 40, height: 30, seed: 4))
        #expect(abs(photo.reduce(0, +) - 1) < 1e-5 && photo[16...].contains { $0 > 0 })
    }
}
