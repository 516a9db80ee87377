import LikenessCore

/// How many different colours an image uses, counted up to a cap: a palette reduction (a GIF, an
/// indexed PNG, a "64 colours" export) leaves at most a few hundred, a photograph tens of thousands.
public enum DistinctColours {
    /// The count, or `cap` when there are at least that many. Counts native pixels: a resized
    /// image blends colours and loses the evidence.
    public static func count(_ pixels: PixelBuffer, cap: Int = 65_536) -> Int {
        var seen = [UInt64](repeating: 0, count: (1 << 24) / 64)
        var distinct = 0
        pixels.bytes.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count, distinct < cap {
                let colour = Int(p[i]) << 16 | Int(p[i + 1]) << 8 | Int(p[i + 2])
                let (word, bit) = (colour >> 6, UInt64(1) << UInt64(colour & 63))
                if seen[word] & bit == 0 {
                    seen[word] |= bit
                    distinct += 1
                }
                i += 3
            }
        }
        return distinct
    }
}
