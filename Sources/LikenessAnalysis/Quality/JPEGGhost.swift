import Foundation
import LikenessCore

/// Finds the trace a JPEG compression leaves in pixels that are no longer stored as JPEG: the 8×8
/// DCT coefficients of the decoded pixels sit on multiples of the quantisation steps.
///
/// A PNG (or TIFF, or lossless WebP) saved from a decoded JPEG keeps that lattice, which a camera
/// original or a rendered image does not have. Such a file is a lossless re-encode of a lossy one:
/// it adds bytes but no information, so it must not beat the JPEG it was made from. The steps found
/// also tell how strongly the JPEG was compressed. Works on the pixels at their native size, with
/// the 8×8 grid where the encoder put it (a crop or resize after decoding hides it).
public enum JPEGGhost {
    /// What was found: for each low frequency (natural position in the 8×8 block) with a lattice,
    /// its step; and how clearly the coefficients sit on it (0–1, the mean resultant length).
    public struct Finding: Sendable, Hashable, Codable {
        /// Natural position (row × 8 + column) → quantisation step found there, for the frequencies
        /// whose step could be pinned down (not only bounded from below).
        public var steps: [Int: Int]
        /// How many of the examined frequencies show a lattice.
        public var frequencies: Int
        /// Mean concentration of the coefficients on their lattices, over the frequencies found.
        public var strength: Double
    }

    /// The AC frequencies examined, in natural order: zigzag positions 1 to 27. A high-quality
    /// JPEG quantises the lowest ones by 1 (no lattice to see), the middle ones by 2 to 6.
    static let frequencies = [1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6]
    /// Coefficients at least this concentrated count as sitting on a lattice.
    static let threshold = 0.4
    /// A lattice needs this many of the frequencies to be believed.
    static let needed = 5
    /// Fewest coefficients of at least half a step for a step to be tried (fewer could line up by chance).
    static let fewest = 100
    /// Blocks examined at most (spread evenly over the image).
    static let maximumBlocks = 16384

    /// The orthonormal 8-point DCT-II basis, `basis[u * 8 + x]`.
    static let basis: [Double] = (0..<64).map { i in
        let (u, x) = (i / 8, i % 8)
        let scale = u == 0 ? (0.5).squareRoot() : 1
        return scale * cos(Double(2 * x + 1) * Double(u) * .pi / 16) / 2
    }

    /// The lattice in `luma` (grey levels 0–255 at native size), or nil when there is none.
    public static func find(_ luma: GreyImage) -> Finding? {
        guard let coefficients = coefficients(luma) else { return nil }
        var steps: [Int: Int] = [:]
        var strengths: [Double] = []
        for (f, values) in coefficients.enumerated() {
            guard let found = lattice(values) else { continue }
            if !found.lowerBound { steps[frequencies[f]] = found.step }
            strengths.append(found.strength)
        }
        guard strengths.count >= needed else { return nil }
        return Finding(steps: steps, frequencies: strengths.count, strength: strengths.reduce(0, +) / Double(strengths.count))
    }

    /// The DCT coefficients of each examined frequency (``frequencies``) over the blocks examined,
    /// or nil for an image of fewer than 64 blocks.
    ///
    /// Works through pointers into one buffer (indexing arrays of arrays checked bounds and
    /// uniqueness at every value); the sums are the same products added in the same order.
    static func coefficients(_ luma: GreyImage) -> [[Double]]? {
        let (bw, bh) = (luma.width / 8, luma.height / 8)
        guard bw * bh >= 64 else { return nil }
        let total = bw * bh
        let stride = max(1, total / maximumBlocks)
        let blocks = (total + stride - 1) / stride
        let (width, positions) = (luma.width, frequencies)
        var flat = [Double](repeating: 0, count: positions.count * blocks)
        basis.withUnsafeBufferPointer { basis in
            luma.values.withUnsafeBufferPointer { pixels in
                flat.withUnsafeMutableBufferPointer { flat in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 128) { scratch in
                        let (block, rows) = (scratch.baseAddress!, scratch.baseAddress! + 64)
                        for n in 0..<blocks {
                            let index = n * stride
                            let (x0, y0) = ((index % bw) * 8, (index / bw) * 8)
                            for y in 0..<8 {
                                let start = (y0 + y) * width + x0
                                for x in 0..<8 { block[y * 8 + x] = Double(pixels[start + x]) - 128 }
                            }
                            // Separable DCT-II as JPEG defines it: along rows first, then down the columns.
                            for y in 0..<8 {
                                for u in 0..<8 {
                                    var sum = 0.0
                                    for x in 0..<8 { sum += basis[u * 8 + x] * block[y * 8 + x] }
                                    rows[y * 8 + u] = sum
                                }
                            }
                            for (f, position) in positions.enumerated() {
                                let (v, u) = (position / 8, position % 8)
                                var sum = 0.0
                                for y in 0..<8 { sum += basis[v * 8 + y] * rows[y * 8 + u] }
                                flat[f * blocks + n] = sum
                            }
                        }
                    }
                }
            }
        }
        return (0..<positions.count).map { Array(flat[$0 * blocks..<($0 + 1) * blocks]) }
    }

    /// The step (2–64) on whose multiples the coefficients concentrate, with the concentration,
    /// and whether it is only a lower bound.
    ///
    /// The concentration is the mean of cos(2π c / step): near 1 when the coefficients sit on the
    /// multiples, near 0 (or below) otherwise. Only coefficients of at least half a step count:
    /// near-zero ones sit on every lattice. A true step's divisors show the same concentration, its
    /// multiples do not (and a step one larger already loses some), so the largest step as
    /// concentrated as the best, within 0.05, is the encoder's.
    /// When too few coefficients are left to try larger steps while the last one tried was still
    /// concentrated, the true step may be a multiple of it: `lowerBound`.
    ///
    /// A step whose concentration cannot reach `floor` is given up part way (it counts as −∞): with
    /// the default, ``threshold``, no such step can be chosen or lift the best to the threshold, so
    /// the answer is the one measuring every step in full gives (`floor: -.infinity`), for less work.
    static func lattice(_ values: [Double], floor: Double = threshold) -> (step: Int, strength: Double, lowerBound: Bool)? {
        let (ordered, atLeast) = halfStepOrder(values)
        var tried: [(step: Int, strength: Double)] = []
        ordered.withUnsafeBufferPointer { ordered in
            for step in 2...64 {
                let counted = atLeast[step]
                guard counted >= fewest else { break }
                tried.append((step, meanCosineOfTurns(ordered, count: counted, scale: 1 / Double(step), reaching: floor)))
            }
        }
        guard let top = tried.map(\.strength).max(), top >= threshold else { return nil }
        let chosen = tried.last { $0.strength >= max(threshold, top - 0.05) }!
        return (chosen.step, chosen.strength, chosen.step == tried.last!.step && chosen.step < 64)
    }

    /// The values laid out by ⌊2|v|⌋, largest first (a counting sort, capped at 65), and for each
    /// step q the number with |v| ≥ q/2, which are then the first `atLeast[q]` of them.
    static func halfStepOrder(_ values: [Double]) -> (ordered: [Double], atLeast: [Int]) {
        let top = 65
        var counts = [Int](repeating: 0, count: top + 1)
        for value in values { counts[min(top, Int(2 * abs(value)))] += 1 }
        var atLeast = [Int](repeating: 0, count: top + 2)
        for bucket in stride(from: top, through: 0, by: -1) { atLeast[bucket] = atLeast[bucket + 1] + counts[bucket] }
        var next = (0...top).map { atLeast[$0 + 1] } // where each bucket starts
        var ordered = [Double](repeating: 0, count: values.count)
        for value in values {
            let bucket = min(top, Int(2 * abs(value)))
            ordered[next[bucket]] = value
            next[bucket] += 1
        }
        return (ordered, atLeast)
    }

    /// The mean of cos(2π v · scale) over the first `count` values, four lanes at a time: with one
    /// running sum the additions formed a chain the CPU had to wait on at every value.
    ///
    /// −∞ as soon as the mean can no longer reach `floor` (every value left adding at most 1, with
    /// room for the polynomial's error); otherwise the mean, summed in the same order as without a
    /// floor, so the same to the bit.
    static func meanCosineOfTurns(_ values: UnsafeBufferPointer<Double>, count: Int, scale: Double, reaching floor: Double = -.infinity) -> Double {
        var lanes = SIMD4<Double>(repeating: 0)
        var n = 0
        let needed = (floor - 1e-6) * Double(count)
        while n + 4 <= count {
            lanes += cosineOfTurns(SIMD4(values[n], values[n + 1], values[n + 2], values[n + 3]) * scale)
            n += 4
            if n & 255 == 0, lanes.sum() + Double(count - n) * (1 + 1e-6) < needed { return -.infinity }
        }
        var sum = lanes.sum()
        while n < count { sum += cosineOfTurns(values[n] * scale); n += 1 }
        return sum / Double(count)
    }

    /// cos(2π t) for four values at once, each within 1e-8, without a library call: only the
    /// distance of t to the nearest whole turn matters (found by adding and removing 1.5 × 2⁵²,
    /// exact for |t| < 2⁵¹); it is folded into a quarter turn, where a Taylor polynomial to x¹²
    /// is within 7e-9. The lattice asks for it up to 28 million times per image.
    @inline(__always)
    static func cosineOfTurns(_ t: SIMD4<Double>) -> SIMD4<Double> {
        let magic = SIMD4<Double>(repeating: 6_755_399_441_055_744.0)
        var a = t - ((t + magic) - magic)        // −0.5 ... 0.5 of a turn
        a.replace(with: -a, where: a .< 0)
        let flip = a .> 0.25                     // cos(2π a) = −cos(2π (½ − a))
        a.replace(with: 0.5 - a, where: flip)
        let x = 2 * Double.pi * a, x2 = x * x
        var p = SIMD4<Double>(repeating: 1.0 / 479_001_600)
        p = p * x2 - 1.0 / 3_628_800
        p = p * x2 + 1.0 / 40_320
        p = p * x2 - 1.0 / 720
        p = p * x2 + 1.0 / 24
        p = p * x2 - 0.5
        p = p * x2 + 1
        p.replace(with: -p, where: flip)
        return p
    }

    /// cos(2π t) for one value (see the four-lane form).
    static func cosineOfTurns(_ t: Double) -> Double { cosineOfTurns(SIMD4(repeating: t))[0] }
}
