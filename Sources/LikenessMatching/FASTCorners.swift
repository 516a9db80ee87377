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

    typealias Lanes = SIMD8<Float>

    /// Corners at least `margin` pixels from every edge.
    ///
    /// Eight pixels of a row are tested at a time: first the compass test, then (where any pixel
    /// passes it) the circle's two bit masks of all eight; only pixels with a 9-arc are scored,
    /// one by one, as ``corner(_:at:ring:threshold:)`` scores the pixels left over at a row's end.
    static func detect(_ image: GreyImage, threshold: Float, margin: Int) -> [Corner] {
        let (w, h) = (image.width, image.height)
        guard w > 2 * margin, h > 2 * margin else { return [] }
        let offsets = circle.map { $0.dy * w + $0.dx }
        var scores = [Float](repeating: 0, count: w * h)
        // Positions scored above 0, in raster order.
        var found: [Int] = []
        image.values.withUnsafeBufferPointer { v in
            scores.withUnsafeMutableBufferPointer { s in
                offsets.withUnsafeBufferPointer { ring in
                    let pixels = UnsafeRawPointer(v.baseAddress!)
                    func lanes(_ index: Int) -> Lanes { pixels.loadUnaligned(fromByteOffset: 4 * index, as: Lanes.self) }
                    let t = Lanes(repeating: threshold)
                    for y in margin..<(h - margin) {
                        var x = margin
                        while x + 8 <= w - margin {
                            let centre = y * w + x
                            let p = lanes(centre)
                            // The compass test, lane by lane: at least two of the four compass points
                            // brighter than p + threshold, or two darker than p − threshold.
                            let (n, e, so, we) = (lanes(centre + ring[0]), lanes(centre + ring[4]), lanes(centre + ring[8]), lanes(centre + ring[12]))
                            let (above, below) = (p + t, p - t)
                            let (bn, be, bs, bw) = (n .> above, e .> above, so .> above, we .> above)
                            let (dn, de, ds, dw) = (n .< below, e .< below, so .< below, we .< below)
                            let compass = (bn .& be) .| (bs .& bw) .| ((bn .| be) .& (bs .| bw))
                                .| (dn .& de) .| (ds .& dw) .| ((dn .| de) .& (ds .| dw))
                            guard any(compass) else { x += 8; continue }
                            // The circle's masks as detect has always set them: bit k brighter when
                            // v − p > threshold, else darker when −(v − p) > threshold.
                            var (bright, dark) = (SIMD8<UInt32>.zero, SIMD8<UInt32>.zero)
                            for k in 0..<16 {
                                let d = lanes(centre + ring[k]) - p
                                let bit = SIMD8<UInt32>(repeating: 1 << UInt32(k))
                                bright |= SIMD8<UInt32>.zero.replacing(with: bit, where: d .> t)
                                dark |= SIMD8<UInt32>.zero.replacing(with: bit, where: -d .> t)
                            }
                            dark &= ~bright
                            let arc = compass .& (hasArc(bright) .| hasArc(dark))
                            if any(arc) {
                                for lane in 0..<8 where arc[lane] {
                                    let c = centre + lane
                                    let score = Self.score(v, at: c, ring: ring, threshold: threshold, brighter: hasArc(bright[lane]))
                                    if score > 0 { s[c] = score; found.append(c) }
                                }
                            }
                            x += 8
                        }
                        while x < w - margin {
                            let c = y * w + x
                            if let score = corner(v, at: c, ring: ring, threshold: threshold) { s[c] = score; found.append(c) }
                            x += 1
                        }
                    }
                }
            }
        }
        var corners: [Corner] = []
        scores.withUnsafeBufferPointer { scores in
            for position in found {
                let score = scores[position]
                var isMax = true
                for dy in -1...1 where isMax {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let other = scores[position + dy * w + dx]
                        // Ties go to the first in raster order.
                        if other > score || (other == score && (dy < 0 || (dy == 0 && dx < 0))) { isMax = false; break }
                    }
                }
                if isMax { corners.append(Corner(x: position % w, y: position / w, score: score)) }
            }
        }
        return corners
    }

    /// The score of one pixel (nil when it is no corner): the compass test, the circle's masks,
    /// and the score of the brighter arc, else of the darker one.
    @inline(__always)
    static func corner(_ v: UnsafeBufferPointer<Float>, at centre: Int, ring: UnsafeBufferPointer<Int>, threshold: Float) -> Float? {
        let p = v[centre]
        // Quick rejection: of the four compass points, at least two must pass.
        let (n, e, so, we) = (v[centre + ring[0]], v[centre + ring[4]], v[centre + ring[8]], v[centre + ring[12]])
        let brighter = (n > p + threshold ? 1 : 0) + (e > p + threshold ? 1 : 0) + (so > p + threshold ? 1 : 0) + (we > p + threshold ? 1 : 0)
        let darker = (n < p - threshold ? 1 : 0) + (e < p - threshold ? 1 : 0) + (so < p - threshold ? 1 : 0) + (we < p - threshold ? 1 : 0)
        guard brighter >= 2 || darker >= 2 else { return nil }
        var (bright, dark): (UInt32, UInt32) = (0, 0)
        for k in 0..<16 {
            let d = v[centre + ring[k]] - p
            if d > threshold { bright |= 1 << UInt32(k) } else if -d > threshold { dark |= 1 << UInt32(k) }
        }
        guard hasArc(bright) || hasArc(dark) else { return nil }
        let score = Self.score(v, at: centre, ring: ring, threshold: threshold, brighter: hasArc(bright))
        return score > 0 ? score : nil
    }

    /// The summed excess contrast over the circle, in circle order, of the brighter or the darker side.
    @inline(__always)
    static func score(_ v: UnsafeBufferPointer<Float>, at centre: Int, ring: UnsafeBufferPointer<Int>, threshold: Float, brighter: Bool) -> Float {
        let p = v[centre]
        var sum: Float = 0
        if brighter {
            for k in 0..<16 { sum += max(0, (v[centre + ring[k]] - p) - threshold) }
        } else {
            for k in 0..<16 { sum += max(0, -(v[centre + ring[k]] - p) - threshold) }
        }
        return sum
    }

    /// Whether the 16 circle bits hold 9 contiguous set bits, around the circle: the circle twice
    /// over, then runs of 2, 4, 8 and 9 set bits by shifting and masking.
    @inline(__always)
    static func hasArc(_ mask: UInt32) -> Bool {
        let m = mask | mask << 16
        var run = m & m >> 1
        run &= run >> 2
        run &= run >> 4
        run &= m >> 8
        return run != 0
    }

    /// ``hasArc(_:)`` for eight masks at once.
    @inline(__always)
    static func hasArc(_ mask: SIMD8<UInt32>) -> SIMDMask<SIMD8<Int32>> {
        let m = mask | mask &<< 16
        var run = m & m &>> 1
        run &= run &>> 2
        run &= run &>> 4
        run &= m &>> 8
        return run .!= SIMD8<UInt32>.zero
    }
}
