import Foundation
import LikenessCore

extension Fixtures {
    /// `pixels` smeared by a linear motion of `length` pixels at `degrees` (0 is horizontal,
    /// counter-clockwise): the average of the image shifted to 4 × length points along the
    /// segment, each bilinearly splatted into the kernel; the edges are clamped.
    public static func motionBlurred(_ pixels: PixelBuffer, length: Int, degrees: Double) -> PixelBuffer {
        let size = length + 2
        let centre = Double(length + 1) / 2
        var kernel = [Double](repeating: 0, count: size * size)
        let angle = degrees * Double.pi / 180, steps = 4 * length
        for step in 0..<steps {
            let s = -Double(length - 1) / 2 + Double(length - 1) * Double(step) / Double(steps - 1)
            let (x, y) = (centre + s * cos(angle), centre - s * sin(angle))
            let (x0, y0) = (Int(x.rounded(.down)), Int(y.rounded(.down)))
            let (fx, fy) = (x - Double(x0), y - Double(y0))
            for (dx, wx) in [(0, 1 - fx), (1, fx)] {
                for (dy, wy) in [(0, 1 - fy), (1, fy)] where (0..<size).contains(x0 + dx) && (0..<size).contains(y0 + dy) {
                    kernel[(y0 + dy) * size + x0 + dx] += wx * wy
                }
            }
        }
        let total = kernel.reduce(0, +)
        let taps = kernel.indices.filter { kernel[$0] > 0 }.map { (dx: $0 % size - size / 2, dy: $0 / size - size / 2, weight: kernel[$0] / total) }
        let (w, h) = (pixels.width, pixels.height)
        var out = [UInt8](repeating: 0, count: pixels.bytes.count)
        pixels.bytes.withUnsafeBufferPointer { source in
            for y in 0..<h {
                for x in 0..<w {
                    var sum = (0.0, 0.0, 0.0)
                    for tap in taps {
                        let i = 3 * (min(h - 1, max(0, y + tap.dy)) * w + min(w - 1, max(0, x + tap.dx)))
                        sum.0 += tap.weight * Double(source[i])
                        sum.1 += tap.weight * Double(source[i + 1])
                        sum.2 += tap.weight * Double(source[i + 2])
                    }
                    let o = 3 * (y * w + x)
                    out[o] = UInt8(min(255, max(0, sum.0.rounded())))
                    out[o + 1] = UInt8(min(255, max(0, sum.1.rounded())))
                    out[o + 2] = UInt8(min(255, max(0, sum.2.rounded())))
                }
            }
        }
        return PixelBuffer(width: w, height: h, bytes: out)
    }
}
