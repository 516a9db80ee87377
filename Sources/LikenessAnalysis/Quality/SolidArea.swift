import LikenessCore

/// The share of an image covered by solid colour: blocks whose channels each vary by at most
/// ``tolerance`` levels.
///
/// Photographs have texture and noise almost everywhere; solid blocks are what edits add: a
/// banner or caption box, the black corners of a rotation, padding, flattened transparent holes,
/// and highlights or shadows clipped flat.
public enum SolidArea {
    /// Block side in pixels.
    public static let block = 16
    /// Largest spread of one channel inside a solid block (JPEG leaves ±1 in flat areas).
    public static let tolerance: UInt8 = 2

    /// Share (0–1) of whole blocks that are solid; 0 for images smaller than one block.
    public static func share(_ pixels: PixelBuffer) -> Double {
        let (w, h) = (pixels.width, pixels.height)
        let (columns, rows) = (w / block, h / block)
        guard columns > 0, rows > 0 else { return 0 }
        var solid = 0
        pixels.bytes.withUnsafeBufferPointer { p in
            for by in 0..<rows {
                for bx in 0..<columns {
                    var low: (UInt8, UInt8, UInt8) = (255, 255, 255), high: (UInt8, UInt8, UInt8) = (0, 0, 0)
                    var flat = true
                    for y in (by * block)..<((by + 1) * block) where flat {
                        var i = (y * w + bx * block) * 3
                        for _ in 0..<block {
                            low = (min(low.0, p[i]), min(low.1, p[i + 1]), min(low.2, p[i + 2]))
                            high = (max(high.0, p[i]), max(high.1, p[i + 1]), max(high.2, p[i + 2]))
                            i += 3
                        }
                        flat = high.0 - low.0 <= tolerance && high.1 - low.1 <= tolerance && high.2 - low.2 <= tolerance
                    }
                    if flat { solid += 1 }
                }
            }
        }
        return Double(solid) / Double(columns * rows)
    }
}
