import LikenessCore

extension Fixtures {
    /// `pixels` on a canvas `bar` pixels taller at the top and at the bottom, the bars filled with
    /// `rgb`: a letterboxed or padded copy.
    public static func letterboxed(_ pixels: PixelBuffer, bar: Int, rgb: (UInt8, UInt8, UInt8) = (0, 0, 0)) -> PixelBuffer {
        let row = (0..<(pixels.width * 3)).map { [rgb.0, rgb.1, rgb.2][$0 % 3] }
        let bars = [UInt8](Array(repeating: row, count: bar).joined())
        return PixelBuffer(width: pixels.width, height: pixels.height + 2 * bar, bytes: bars + pixels.bytes + bars)
    }
}
