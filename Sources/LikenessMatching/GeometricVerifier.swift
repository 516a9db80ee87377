import Foundation
import LikenessCore

/// How two images' local features agree on one geometry.
public struct GeometricMatch: Sendable, Equatable {
    /// Descriptor matches that passed the ratio test both ways.
    public var matches: Int
    /// Matches consistent with the best similarity transform (scale, turn, shift).
    public var inliers: Int
    /// Scale and turn (radians) of that transform, from the first image to the second.
    public var scale: Float
    public var rotation: Float
    /// Share of each image's frame that falls inside the other's under that transform.
    public var overlap: (first: Float, second: Float) = (0, 0)

    public static let none = GeometricMatch(matches: 0, inliers: 0, scale: 1, rotation: 0)

    public init(matches: Int, inliers: Int, scale: Float, rotation: Float, overlap: (first: Float, second: Float) = (0, 0)) {
        self.matches = matches
        self.inliers = inliers
        self.scale = scale
        self.rotation = rotation
        self.overlap = overlap
    }

    public static func == (l: GeometricMatch, r: GeometricMatch) -> Bool {
        l.matches == r.matches && l.inliers == r.inliers && l.scale == r.scale && l.rotation == r.rotation && l.overlap == r.overlap
    }
}

/// Checks that two images show the same content in one consistent geometry: matches descriptors
/// (nearest neighbour, Lowe's ratio test, mutual), then finds the similarity transform that most
/// matches agree with by seeded RANSAC over pairs of matches. Different objects that merely look
/// alike give few matches, and those scatter instead of agreeing on one transform.
public struct GeometricVerifier: Sendable {
    /// A match must be at most this many bits apart (of 256).
    public var maximumDistance: Int
    /// The best distance must be below this share of the second best.
    public var ratio: Float
    /// A match is an inlier when the transform puts it within this share of the larger side.
    public var tolerance: Float
    public var iterations: Int

    public init(maximumDistance: Int = 64, ratio: Float = 0.8, tolerance: Float = 0.02, iterations: Int = 400) {
        self.maximumDistance = maximumDistance
        self.ratio = ratio
        self.tolerance = tolerance
        self.iterations = iterations
    }

    public func match(_ a: LocalFeatures, _ b: LocalFeatures) -> GeometricMatch {
        let pairs = mutualMatches(a, b)
        guard pairs.count >= 2 else { return GeometricMatch(matches: pairs.count, inliers: pairs.count, scale: 1, rotation: 0) }
        let points = MatchedPoints(p: pairs.map { (x: a.features[$0.0].x, y: a.features[$0.0].y) },
                                   q: pairs.map { (x: b.features[$0.1].x, y: b.features[$0.1].y) })
        let limit = tolerance * Float(max(b.width, b.height))
        let limit2 = limit * limit
        var best = GeometricMatch(matches: pairs.count, inliers: 1, scale: 1, rotation: 0)
        var bestTransform: (mr: Float, mi: Float, tx: Float, ty: Float)?
        var random = SeededRandom(seed: UInt64(pairs.count))
        // Every pair of matches when there are few, else a seeded sample of them.
        let exhaustive = pairs.count * (pairs.count - 1) / 2 <= iterations
        var trials: [(Int, Int)] = []
        if exhaustive {
            for i in 0..<pairs.count { for j in (i + 1)..<pairs.count { trials.append((i, j)) } }
        } else {
            for _ in 0..<iterations {
                let i = Int(random.next() % UInt64(pairs.count))
                var j = Int(random.next() % UInt64(pairs.count - 1))
                if j >= i { j += 1 }
                trials.append((i, j))
            }
        }
        for (i, j) in trials {
            // q = s·R·p + t as complex numbers: m = (q_j − q_i) / (p_j − p_i).
            let (pI, pJ, qI, qJ) = (points.p(i), points.p(j), points.q(i), points.q(j))
            let (dpx, dpy) = (pJ.x - pI.x, pJ.y - pI.y)
            let (dqx, dqy) = (qJ.x - qI.x, qJ.y - qI.y)
            let norm = dpx * dpx + dpy * dpy
            guard norm > 1 else { continue }
            let mr = (dqx * dpx + dqy * dpy) / norm, mi = (dqy * dpx - dqx * dpy) / norm
            let scale = (mr * mr + mi * mi).squareRoot()
            guard scale > 0.2, scale < 5 else { continue }
            let tx = qI.x - (mr * pI.x - mi * pI.y), ty = qI.y - (mi * pI.x + mr * pI.y)
            let inliers = points.inliers(mr: mr, mi: mi, tx: tx, ty: ty, limit2: limit2)
            if inliers > best.inliers {
                best = GeometricMatch(matches: pairs.count, inliers: inliers, scale: scale, rotation: atan2(mi, mr))
                bestTransform = (mr, mi, tx, ty)
            }
        }
        if let (mr, mi, tx, ty) = bestTransform {
            best.overlap = Self.overlap(a, b, mr: mr, mi: mi, tx: tx, ty: ty)
        }
        return best
    }

    /// Shares of each frame that the other covers under q = m·p + t (m = mr + i·mi), sampled on a grid.
    static func overlap(_ a: LocalFeatures, _ b: LocalFeatures, mr: Float, mi: Float, tx: Float, ty: Float) -> (first: Float, second: Float) {
        let norm = mr * mr + mi * mi
        guard norm > 0 else { return (0, 0) }
        // Inverse: p = conj(m)·(q − t) / |m|².
        let (ir, ii) = (mr / norm, -mi / norm)
        let itx = -(ir * tx - ii * ty), ity = -(ii * tx + ir * ty)
        func share(_ from: LocalFeatures, _ to: LocalFeatures, _ r: Float, _ i: Float, _ x0: Float, _ y0: Float) -> Float {
            let steps = 24
            var inside = 0
            for gy in 0..<steps {
                for gx in 0..<steps {
                    let x = (Float(gx) + 0.5) / Float(steps) * Float(from.width), y = (Float(gy) + 0.5) / Float(steps) * Float(from.height)
                    let u = r * x - i * y + x0, v = i * x + r * y + y0
                    if u >= 0, v >= 0, u < Float(to.width), v < Float(to.height) { inside += 1 }
                }
            }
            return Float(inside) / Float(steps * steps)
        }
        return (share(a, b, mr, mi, tx, ty), share(b, a, ir, ii, itx, ity))
    }

    /// Index pairs (in a, in b) whose descriptors are each other's nearest, passing the ratio test
    /// both ways. One pass over all descriptor pairs tracks the best two of every row and column.
    ///
    /// Each row's distances go to a buffer first; its best two, and every column's best two, are
    /// then kept eight lanes at a time. A nearest index is looked up only where the ratio test
    /// passes: the first of the row's best in the buffer, and the first row at a column's best,
    /// which is the row found unless the column's best is tied.
    func mutualMatches(_ a: LocalFeatures, _ b: LocalFeatures) -> [(Int, Int)] {
        let (na, nb) = (a.features.count, b.features.count)
        guard na > 0, nb > 0 else { return [] }
        typealias Lanes = SIMD8<Int16>
        // Distances are at most 256; Int16.max stands for none (the padding lanes, a missing second best).
        let none = Int16.max, padded = (nb + 7) & ~7
        var row = [Int16](repeating: none, count: padded)
        var colBest = row, colSecond = row
        var rowBest = [Int16](repeating: none, count: na), rowSecond = rowBest, rowIndex = [Int](repeating: -1, count: na)
        a.words.withUnsafeBufferPointer { pa in
            b.words.withUnsafeBufferPointer { pb in
                row.withUnsafeMutableBufferPointer { distances in
                    colBest.withUnsafeMutableBufferPointer { cb in
                        colSecond.withUnsafeMutableBufferPointer { cs in
                            let lanes = UnsafeMutableRawPointer(distances.baseAddress!)
                            let (best1, best2) = (UnsafeMutableRawPointer(cb.baseAddress!), UnsafeMutableRawPointer(cs.baseAddress!))
                            for i in 0..<na {
                                HammingKernel.best.row(pa.baseAddress! + 4 * i, pb.baseAddress!, count: nb, into: distances.baseAddress!)
                                var (m1, m2) = (Lanes(repeating: none), Lanes(repeating: none))
                                for offset in stride(from: 0, to: 2 * padded, by: 16) {
                                    let d = lanes.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
                                    m2 = pointwiseMin(m2, pointwiseMax(m1, d))
                                    m1 = pointwiseMin(m1, d)
                                    let (c1, c2) = (best1.loadUnaligned(fromByteOffset: offset, as: Lanes.self), best2.loadUnaligned(fromByteOffset: offset, as: Lanes.self))
                                    best2.storeBytes(of: pointwiseMin(c2, pointwiseMax(c1, d)), toByteOffset: offset, as: Lanes.self)
                                    best1.storeBytes(of: pointwiseMin(c1, d), toByteOffset: offset, as: Lanes.self)
                                }
                                let (best, second) = Self.bestTwo(m1, m2)
                                (rowBest[i], rowSecond[i]) = (best, second)
                                if passes(best, second) {
                                    var j = 0
                                    while distances[j] != best { j += 1 }
                                    rowIndex[i] = j
                                }
                            }
                        }
                    }
                }
            }
        }
        // The first row at column j's best, by its distances again when the best is tied.
        func firstAtBest(_ j: Int) -> Int {
            let bj = SIMD4(b.words[4 * j], b.words[4 * j + 1], b.words[4 * j + 2], b.words[4 * j + 3])
            var i = 0
            while Int16(truncatingIfNeeded: Self.popcount(bj ^ SIMD4(a.words[4 * i], a.words[4 * i + 1], a.words[4 * i + 2], a.words[4 * i + 3]))) != colBest[j] { i += 1 }
            return i
        }
        return (0..<na).compactMap { i in
            let j = rowIndex[i]
            guard j >= 0, passes(colBest[j], colSecond[j]), rowBest[i] == colBest[j] else { return nil }
            guard colBest[j] < colSecond[j] || firstAtBest(j) == i else { return nil }
            return (i, j)
        }
    }

    /// Distances from descriptor `a` (four words) to each descriptor of `b`, by `kernel` (one this
    /// CPU runs): what matching runs, open to tests of every kernel.
    static func hammingRow(_ a: [UInt64], _ b: [UInt64], kernel: HammingKernel) -> [Int16] {
        precondition(a.count == 4 && b.count % 4 == 0 && kernel <= HammingKernel.best)
        var out = [Int16](repeating: -1, count: b.count / 4)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { kernel.row(pa.baseAddress!, pb.baseAddress!, count: b.count / 4, into: $0.baseAddress!) }
            }
        }
        return out
    }

    /// The two smallest of all lanes' best two (`m1` ≤ `m2` lane by lane).
    @inline(__always)
    private static func bestTwo(_ m1: SIMD8<Int16>, _ m2: SIMD8<Int16>) -> (Int16, Int16) {
        let best = m1.min()
        var lane = 0
        while m1[lane] != best { lane += 1 }
        var second = m2[lane]
        for other in 0..<8 where other != lane { second = min(second, m1[other]) }
        return (best, second)
    }

    /// Whether a nearest distance `best`, with `second` the next best (Int16.max: none), makes a match.
    private func passes(_ best: Int16, _ second: Int16) -> Bool {
        Int(best) <= maximumDistance && Float(best) < ratio * (second == .max ? Float(Int32.max) : Float(second))
    }

    /// Set bits of 256 bits, without a `popcnt` instruction (the release build targets the x86-64
    /// baseline). SSE2 does two words at a time: counts in 2-bit, then 4-bit fields (at most 4),
    /// words 0 and 2 and words 1 and 3 added (at most 8 a field), fields added into bytes (at most
    /// 16), the two halves added (at most 32 a byte), and the bytes summed by one multiply. That
    /// sum is taken modulo 256, and only all bits set (every byte 32) reaches 256.
    @inline(__always)
    static func popcount(_ x: SIMD4<UInt64>) -> Int32 {
        let m1 = SIMD4<UInt64>(repeating: 0x5555_5555_5555_5555), m2 = SIMD4<UInt64>(repeating: 0x3333_3333_3333_3333)
        let m4 = SIMD2<UInt64>(repeating: 0x0f0f_0f0f_0f0f_0f0f)
        var v = x &- ((x &>> 1) & m1)
        v = (v & m2) &+ ((v &>> 2) & m2)
        var t = v.lowHalf &+ v.highHalf
        t = (t & m4) &+ ((t &>> 4) & m4)
        let bytes = t[0] &+ t[1]
        let sum = Int32(truncatingIfNeeded: (bytes &* 0x0101_0101_0101_0101) &>> 56)
        return bytes == 0x2020_2020_2020_2020 ? 256 : sum
    }
}
