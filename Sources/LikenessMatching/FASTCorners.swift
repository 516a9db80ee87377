import LikenessCore

/// FAST-9 corner detection (Rosten & Drummond): a pixel is a corner when at least 9 contiguous
/// pixels of the 16 on a radius-3 circle around it are all brighter, or all darker, than it by
/// more than a threshold. Scored by the summed excess contrast of the circle, with 3×3
/// non-maximum suppression.
enum FASTCorners {
    struct Corner {
        var x: Int
        var y: Int
        var score: Float
    }

    /// The circle, clockwise from the top.
    static let circle: [(dx: Int, dy: Int)] = [
        (0, -3), (1, -3), (2, -2), (3, -1), (3, 0), (3, 1), (2, 2), (1, 3),
        (0, 3), (-1, 3), (-2, 2), (-3, 1), (-3, 0), (-3, -1), (-2, -2), (-1, -3),
    ]

    /// Corners at least `margin` pixels from every edge.
    static func detect(_ image: GreyImage, threshold: Float, margin: Int) -> [Corner] {
        let (w, h) = (image.width, image.height)
        guard w > 2 * margin, h > 2 * margin else { return [] }
        let offsets = circle.map { $0.dy * w + $0.dx }
        var scores = [Float](repeating: 0, count: w * h)
        image.values.withUnsafeBufferPointer { v in
            scores.withUnsafeMutableBufferPointer { s in
                offsets.withUnsafeBufferPointer { ring in
                    for y in margin..<(h - margin) {
                        for x in margin..<(w - margin) {
                            let centre = y * w + x
                            let p = v[centre]
                            // Quick rejection: of the four compass points, at least three must pass for a 9-arc (as in FAST).
                            let (n, e, so, we) = (v[centre + ring[0]], v[centre + ring[4]], v[centre + ring[8]], v[centre + ring[12]])
                            let brighter = (n > p + threshold ? 1 : 0) + (e > p + threshold ? 1 : 0) + (so > p + threshold ? 1 : 0) + (we > p + threshold ? 1 : 0)
                            let darker = (n < p - threshold ? 1 : 0) + (e < p - threshold ? 1 : 0) + (so < p - threshold ? 1 : 0) + (we < p - threshold ? 1 : 0)
                            guard brighter >= 2 || darker >= 2 else { continue }
                            var (bright, dark): (UInt32, UInt32) = (0, 0)
                            for k in 0..<16 {
                                let d = v[centre + ring[k]] - p
                                if d > threshold { bright |= 1 << UInt32(k) } else if -d > threshold { dark |= 1 << UInt32(k) }
                            }
                            let score: Float
                            if Self.hasArc(bright) {
                                var sum: Float = 0
                                for k in 0..<16 { sum += max(0, (v[centre + ring[k]] - p) - threshold) }
                                score = sum
                            } else if Self.hasArc(dark) {
                                var sum: Float = 0
                                for k in 0..<16 { sum += max(0, -(v[centre + ring[k]] - p) - threshold) }
                                score = sum
                            } else {
                                continue
                            }
                            if score > 0 { s[centre] = score }
                        }
                    }
                }
            }
        }
        var corners: [Corner] = []
        for y in margin..<(h - margin) {
            for x in margin..<(w - margin) {
                let score = scores[y * w + x]
                guard score > 0 else { continue }
                var isMax = true
                for dy in -1...1 where isMax {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let other = scores[(y + dy) * w + x + dx]
                        // Ties go to the first in raster order.
                        if other > score || (other == score && (dy < 0 || (dy == 0 && dx < 0))) { isMax = false; break }
                    }
                }
                if isMax { corners.append(Corner(x: x, y: y, score: score)) }
            }
        }
        return corners
    }

    /// Whether the 16 circle bits hold 9 contiguous set bits, around the circle.
    @inline(__always)
    static func hasArc(_ mask: UInt32) -> Bool {
        guard mask.nonzeroBitCount >= 9 else { return false }
        let m = mask | mask << 16
        var run = m
        for shift in 1..<9 { run &= m >> UInt32(shift) }
        return run != 0
    }

    /// The summed excess contrast over the circle when a 9-arc passes, else 0 (the plain form of
    /// what ``detect(_:threshold:margin:)`` computes with bit masks).
    static func arcScore(_ ring: [Float], threshold: Float) -> Float {
        for sign in [Float(1), -1] {
            var run = 0, best = 0
            for k in 0..<(16 + 8) {
                if sign * ring[k % 16] > threshold { run += 1; best = max(best, run) } else { run = 0 }
            }
            if best >= 9 {
                return ring.reduce(0) { $0 + max(0, sign * $1 - threshold) }
            }
        }
        return 0
    }
}
