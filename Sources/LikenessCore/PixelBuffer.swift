/// Packed 8-bit sRGB pixels, row-major, three channels, no padding.
public struct PixelBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` bytes: R, G, B for each pixel.
    public let bytes: [UInt8]

    /// Channels per pixel; always 3 (alpha is flattened, grey is expanded).
    public static let channels = 3

    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(width > 0 && height > 0 && bytes.count == width * height * Self.channels,
                     "pixel buffer must hold width × height × 3 bytes")
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// The pixel at (x, y) as (r, g, b).
    public subscript(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * Self.channels
        return (bytes[i], bytes[i + 1], bytes[i + 2])
    }

    /// The same pixels as floats in [0, 1], interleaved RGB.
    public func floats() -> [Float] {
        bytes.map { Float($0) / 255 }
    }

    /// Luma (ITU-R BT.601 weights, as Pillow's "L" mode) per pixel, in [0, 255].
    public func luma() -> [Float] {
        var out = [Float](repeating: 0, count: width * height)
        for i in 0..<(width * height) {
            let r = Float(bytes[3 * i]), g = Float(bytes[3 * i + 1]), b = Float(bytes[3 * i + 2])
            out[i] = 0.299 * r + 0.587 * g + 0.114 * b
        }
        return out
    }
}
