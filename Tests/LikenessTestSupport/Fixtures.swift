import Foundation
import LikenessCore
import LikenessImaging

/// Seeded synthetic images with known content.
public enum Fixtures {
    /// A smooth colour pattern that differs per seed: gradients plus a few seeded discs.
    public static func pattern(width: Int, height: Int, seed: UInt64) -> PixelBuffer {
        var generator = SeededGenerator(seed: seed)
        let discs = (0..<4).map { _ in
            (x: Double.random(in: 0...Double(width), using: &generator),
             y: Double.random(in: 0...Double(height), using: &generator),
             r: Double.random(in: 0.1...0.3, using: &generator) * Double(min(width, height)),
             c: (UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                 UInt8.random(in: 0...255, using: &generator)))
        }
        let angle = Double.random(in: 0..<(2 * Double.pi), using: &generator)
        let (dx, dy) = (cos(angle), sin(angle))
        let base = (Double.random(in: 0...1, using: &generator), Double.random(in: 0...1, using: &generator),
                    Double.random(in: 0...1, using: &generator))
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                let u = Double(x) / Double(max(width - 1, 1)), v = Double(y) / Double(max(height - 1, 1))
                // A gradient in a seeded direction, tinted by a seeded base colour.
                let t = 0.5 + 0.5 * ((u - 0.5) * dx + (v - 0.5) * dy) * 1.4
                var rgb = (UInt8(max(0, min(255, 255 * t * base.0))), UInt8(max(0, min(255, 255 * (1 - t) * base.1 + 40))),
                           UInt8(max(0, min(255, 255 * t * base.2 + 20))))
                for disc in discs where (Double(x) - disc.x) * (Double(x) - disc.x) + (Double(y) - disc.y) * (Double(y) - disc.y) < disc.r * disc.r {
                    rgb = disc.c
                }
                bytes[i] = rgb.0; bytes[i + 1] = rgb.1; bytes[i + 2] = rgb.2
            }
        }
        return PixelBuffer(width: width, height: height, bytes: bytes)
    }

    /// Many seeded overlapping rectangles of random colours: an image full of corners, for local features.
    public static func rectangles(width: Int, height: Int, count: Int = 60, seed: UInt64) -> PixelBuffer {
        var generator = SeededGenerator(seed: seed)
        var bytes = [UInt8](repeating: 128, count: width * height * 3)
        for _ in 0..<count {
            let (w, h) = (Int.random(in: width / 20...width / 4, using: &generator), Int.random(in: height / 20...height / 4, using: &generator))
            let (x0, y0) = (Int.random(in: 0..<(width - w), using: &generator), Int.random(in: 0..<(height - h), using: &generator))
            let c = (UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator))
            for y in y0..<(y0 + h) {
                for x in x0..<(x0 + w) {
                    let i = (y * width + x) * 3
                    bytes[i] = c.0; bytes[i + 1] = c.1; bytes[i + 2] = c.2
                }
            }
        }
        return PixelBuffer(width: width, height: height, bytes: bytes)
    }

    /// One flat colour.
    public static func solid(width: Int, height: Int, rgb: (UInt8, UInt8, UInt8)) -> PixelBuffer {
        var bytes = [UInt8]()
        bytes.reserveCapacity(width * height * 3)
        for _ in 0..<(width * height) { bytes += [rgb.0, rgb.1, rgb.2] }
        return PixelBuffer(width: width, height: height, bytes: bytes)
    }

    /// Writes a seeded pattern image to `path` (format by suffix) and returns the path.
    @discardableResult
    /// `inner` pasted into `outer` with its top-left corner at (x, y): an object inside a scene.
    public static func pasted(_ inner: PixelBuffer, into outer: PixelBuffer, x: Int, y: Int) -> PixelBuffer {
        var bytes = outer.bytes
        let row = inner.width * PixelBuffer.channels
        for line in 0..<inner.height {
            let from = line * row, to = ((y + line) * outer.width + x) * PixelBuffer.channels
            bytes.replaceSubrange(to..<(to + row), with: inner.bytes[from..<(from + row)])
        }
        return PixelBuffer(width: outer.width, height: outer.height, bytes: bytes)
    }

    public static func writePattern(to path: String, width: Int = 96, height: Int = 64, seed: UInt64) throws -> String {
        try ImageEncoder().write(pattern(width: width, height: height, seed: seed), to: path)
        return path
    }

    /// The bytes of a PNG whose header declares `width × height` but whose data is a few bytes.
    public static func pngHeaderOnly(width: UInt32, height: UInt32) -> [UInt8] {
        var ihdr: [UInt8] = Array("IHDR".utf8)
        for value in [width, height] { ihdr += withUnsafeBytes(of: value.bigEndian, Array.init) }
        ihdr += [8, 2, 0, 0, 0] // 8-bit, RGB, deflate, no filter, no interlace
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += withUnsafeBytes(of: UInt32(13).bigEndian, Array.init)
        png += ihdr
        png += withUnsafeBytes(of: crc32(ihdr).bigEndian, Array.init)
        for chunk in [Array("IDAT".utf8) + [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01], Array("IEND".utf8)] {
            png += withUnsafeBytes(of: UInt32(chunk.count - 4).bigEndian, Array.init)
            png += chunk
            png += withUnsafeBytes(of: crc32(chunk).bigEndian, Array.init)
        }
        return png
    }

    /// CRC-32 (IEEE) as PNG chunks use it.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}

/// The fixtures' seeded generator is the library's, so fixtures are the same on every machine.
public typealias SeededGenerator = SeededRandom
