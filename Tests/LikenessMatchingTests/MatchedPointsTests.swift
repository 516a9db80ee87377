@testable import LikenessMatching
import LikenessTestSupport
import Testing

/// `MatchedPoints.inliers`, eight matches at a time, against the one-at-a-time count RANSAC used before.
@Suite struct MatchedPointsTests {
    /// The plain loop: a match is an inlier when q = m·p + t lands within √limit2 of it.
    static func reference(_ p: [(x: Float, y: Float)], _ q: [(x: Float, y: Float)], mr: Float, mi: Float, tx: Float, ty: Float, limit2: Float) -> Int {
        var inliers = 0
        for k in 0..<p.count {
            let ex = mr * p[k].x - mi * p[k].y + tx - q[k].x, ey = mi * p[k].x + mr * p[k].y + ty - q[k].y
            if ex * ex + ey * ey <= limit2 { inliers += 1 }
        }
        return inliers
    }

    @Test("the same count as the plain loop at every length from 0 to 40, for transforms that fit some matches")
    func matchesPlainLoop() {
        var random = SeededGenerator(seed: 11)
        var seen = Set<Int>()
        for count in 0...40 {
            for _ in 0..<20 {
                let (mr, mi) = (Float.random(in: 0.5...1.5, using: &random), Float.random(in: -0.5...0.5, using: &random))
                let (tx, ty) = (Float.random(in: -20...20, using: &random), Float.random(in: -20...20, using: &random))
                let p = (0..<count).map { _ in (x: Float.random(in: 0...384, using: &random), y: Float.random(in: 0...288, using: &random)) }
                // About half the matches follow the transform (with a little noise), the rest land anywhere.
                let q = p.map { point in
                    Bool.random(using: &random)
                        ? (x: mr * point.x - mi * point.y + tx + Float.random(in: -6...6, using: &random),
                           y: mi * point.x + mr * point.y + ty + Float.random(in: -6...6, using: &random))
                        : (x: Float.random(in: 0...384, using: &random), y: Float.random(in: 0...288, using: &random))
                }
                let expected = Self.reference(p, q, mr: mr, mi: mi, tx: tx, ty: ty, limit2: 25)
                let counted = MatchedPoints(p: p, q: q).inliers(mr: mr, mi: mi, tx: tx, ty: ty, limit2: 25)
                if counted != expected { Issue.record("\(count) matches: \(counted) against \(expected)"); return }
                seen.insert(expected)
            }
        }
        #expect(seen.count > 15, "the cases cover many different counts: \(seen.sorted())")
    }
}
