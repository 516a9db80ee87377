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
        let p = pairs.map { (x: a.features[$0.0].x, y: a.features[$0.0].y) }
        let q = pairs.map { (x: b.features[$0.1].x, y: b.features[$0.1].y) }
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
            let (dpx, dpy) = (p[j].x - p[i].x, p[j].y - p[i].y)
            let (dqx, dqy) = (q[j].x - q[i].x, q[j].y - q[i].y)
            let norm = dpx * dpx + dpy * dpy
            guard norm > 1 else { continue }
            let mr = (dqx * dpx + dqy * dpy) / norm, mi = (dqy * dpx - dqx * dpy) / norm
            let scale = (mr * mr + mi * mi).squareRoot()
            guard scale > 0.2, scale < 5 else { continue }
            let tx = q[i].x - (mr * p[i].x - mi * p[i].y), ty = q[i].y - (mi * p[i].x + mr * p[i].y)
            var inliers = 0
            for k in 0..<p.count {
                let ex = mr * p[k].x - mi * p[k].y + tx - q[k].x, ey = mi * p[k].x + mr * p[k].y + ty - q[k].y
                if ex * ex + ey * ey <= limit2 { inliers += 1 }
            }
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
    func mutualMatches(_ a: LocalFeatures, _ b: LocalFeatures) -> [(Int, Int)] {
        let (na, nb) = (a.features.count, b.features.count)
        guard na > 0, nb > 0 else { return [] }
        var rowBest = [Int32](repeating: .max, count: na), rowSecond = rowBest, rowIndex = [Int32](repeating: -1, count: na)
        var colBest = [Int32](repeating: .max, count: nb), colSecond = colBest, colIndex = [Int32](repeating: -1, count: nb)
        a.words.withUnsafeBufferPointer { pa in
            b.words.withUnsafeBufferPointer { pb in
                colBest.withUnsafeMutableBufferPointer { cb in
                    colSecond.withUnsafeMutableBufferPointer { cs in
                        colIndex.withUnsafeMutableBufferPointer { ci in
                            for i in 0..<na {
                                let (a0, a1, a2, a3) = (pa[4 * i], pa[4 * i + 1], pa[4 * i + 2], pa[4 * i + 3])
                                var (best, second, index) = (Int32.max, Int32.max, Int32(-1))
                                for j in 0..<nb {
                                    let d = Int32((a0 ^ pb[4 * j]).nonzeroBitCount + (a1 ^ pb[4 * j + 1]).nonzeroBitCount
                                        + (a2 ^ pb[4 * j + 2]).nonzeroBitCount + (a3 ^ pb[4 * j + 3]).nonzeroBitCount)
                                    if d < best { (second, best, index) = (best, d, Int32(j)) } else if d < second { second = d }
                                    if d < cb[j] { (cs[j], cb[j], ci[j]) = (cb[j], d, Int32(i)) } else if d < cs[j] { cs[j] = d }
                                }
                                (rowBest[i], rowSecond[i], rowIndex[i]) = (best, second, index)
                            }
                        }
                    }
                }
            }
        }
        func passes(_ best: Int32, _ second: Int32) -> Bool { Int(best) <= maximumDistance && Float(best) < ratio * Float(second) }
        return (0..<na).compactMap { i in
            let j = Int(rowIndex[i])
            guard j >= 0, passes(rowBest[i], rowSecond[i]), colIndex[j] == Int32(i), passes(colBest[j], colSecond[j]) else { return nil }
            return (i, j)
        }
    }
}
