/// The positions of matched features in both images, stored by coordinate (all p.x, then p.y, q.x,
/// q.y), so RANSAC counts a transform's inliers eight matches at a time.
struct MatchedPoints {
    let count: Int
    private let coordinates: [Float]

    init(p: [(x: Float, y: Float)], q: [(x: Float, y: Float)]) {
        precondition(p.count == q.count, "every match has a point in each image")
        count = p.count
        coordinates = p.map(\.x) + p.map(\.y) + q.map(\.x) + q.map(\.y)
    }

    /// Match k's point in the first image.
    func p(_ k: Int) -> (x: Float, y: Float) { (coordinates[k], coordinates[count + k]) }
    /// Match k's point in the second image.
    func q(_ k: Int) -> (x: Float, y: Float) { (coordinates[2 * count + k], coordinates[3 * count + k]) }

    /// How many matches q = m·p + t (m = mr + i·mi) puts within √`limit2` of where they are. Each
    /// lane computes exactly what the one-at-a-time loop computes, in the same order, so the count is
    /// the same to the match.
    func inliers(mr: Float, mi: Float, tx: Float, ty: Float, limit2: Float) -> Int {
        coordinates.withUnsafeBufferPointer { all in
            let base = all.baseAddress!
            let (px, py, qx, qy) = (base, base + count, base + 2 * count, base + 3 * count)
            let (vmr, vmi, vtx, vty, vlimit) = (SIMD8<Float>(repeating: mr), SIMD8<Float>(repeating: mi),
                                               SIMD8<Float>(repeating: tx), SIMD8<Float>(repeating: ty), SIMD8<Float>(repeating: limit2))
            var inliers = 0
            var k = 0
            while k + 8 <= count {
                let (x, y) = (Self.load(px + k), Self.load(py + k))
                let ex = vmr * x - vmi * y + vtx - Self.load(qx + k)
                let ey = vmi * x + vmr * y + vty - Self.load(qy + k)
                inliers += Int(SIMD8<Int32>.zero.replacing(with: 1, where: ex * ex + ey * ey .<= vlimit).wrappedSum())
                k += 8
            }
            while k < count {
                let ex = mr * px[k] - mi * py[k] + tx - qx[k], ey = mi * px[k] + mr * py[k] + ty - qy[k]
                if ex * ex + ey * ey <= limit2 { inliers += 1 }
                k += 1
            }
            return inliers
        }
    }

    private static func load(_ at: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(at).loadUnaligned(as: SIMD8<Float>.self)
    }
}
