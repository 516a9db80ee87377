import Foundation
import LikenessCore

extension Fixtures {
    /// A seeded photo-like image: smooth colour fields, sharp-edged shapes (one pixel of
    /// antialiasing), and a little sensor-like noise, with tones well inside 0–255 (nothing clipped
    /// or solid). Like a photograph it has smooth areas as well as edges, so quality measures see
    /// what they see in a photograph (a contrast stretch leaves gaps in its histogram that a JPEG
    /// at high quality keeps, blur softens the edges).
    public static func texture(width: Int, height: Int, seed: UInt64) -> PixelBuffer {
        var generator = SeededGenerator(seed: seed)
        // Value noise: random grids at two coarse scales, bilinearly interpolated, per channel.
        let scales = [3, 7]
        let grids = scales.map { cells in
            (0..<3).map { _ in (0..<((cells + 1) * (cells + 1))).map { _ in Double.random(in: -1...1, using: &generator) } }
        }
        let side = Double(min(width, height))
        let shapes = (0..<40).map { _ in
            (x: Double.random(in: 0...Double(width), using: &generator), y: Double.random(in: 0...Double(height), using: &generator),
             r: Double.random(in: 0.02...0.12, using: &generator) * side, square: Bool.random(using: &generator),
             tint: (0..<3).map { _ in Double.random(in: -45...45, using: &generator) })
        }
        let base = (0..<3).map { _ in Double.random(in: 100...150, using: &generator) }
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        var value = [Double](repeating: 0, count: 3)
        for y in 0..<height {
            for x in 0..<width {
                let (u, v) = (Double(x) / Double(width), Double(y) / Double(height))
                for channel in 0..<3 {
                    value[channel] = base[channel]
                    for (s, cells) in scales.enumerated() {
                        let (gx, gy) = (u * Double(cells), v * Double(cells))
                        let (ix, iy) = (min(cells - 1, Int(gx)), min(cells - 1, Int(gy)))
                        let (fx, fy) = (gx - Double(ix), gy - Double(iy))
                        let g = grids[s][channel], row = cells + 1
                        let top = g[iy * row + ix] * (1 - fx) + g[iy * row + ix + 1] * fx
                        let bottom = g[(iy + 1) * row + ix] * (1 - fx) + g[(iy + 1) * row + ix + 1] * fx
                        value[channel] += (top * (1 - fy) + bottom * fy) * [35.0, 20][s]
                    }
                }
                for shape in shapes {
                    let (dx, dy) = (abs(Double(x) - shape.x), abs(Double(y) - shape.y))
                    let distance = shape.square ? max(dx, dy) : (dx * dx + dy * dy).squareRoot()
                    // Coverage with one pixel of antialiasing at the edge.
                    let cover = max(0, min(1, shape.r - distance + 0.5))
                    if cover > 0 { for channel in 0..<3 { value[channel] += cover * shape.tint[channel] } }
                }
                for channel in 0..<3 {
                    let noisy = value[channel] + Double.random(in: -1...1, using: &generator)
                    bytes[(y * width + x) * 3 + channel] = UInt8(max(12, min(240, noisy.rounded())))
                }
            }
        }
        return PixelBuffer(width: width, height: height, bytes: bytes)
    }
}
