/// The positions of matched features in both images, one array per coordinate, so RANSAC counts a
/// transform's inliers eight matches at a time.
struct MatchedPoints {
    let px: [Float], py: [Float], qx: [Float], qy: [Float]

    init(p: [(x: Float, y: Float)], q: [(x: Float, y: Float)]) {
        (px, py, qx, qy) = (p.map(\.x), p.map(\.y), q.map(\.x), q.map(\.y))
    }

    /// How many matches q = m·p + t (m = mr + i·mi) puts within √`limit2` of where they are. Each
    /// lane computes exactly what the one-at-a-time loop computes, in the same order, so the count is
    /// the same to the match.
    func inliers(mr: Float, mi: Float, tx: Float, ty: Float, limit2: Float) -> Int {
        px.withUnsafeBufferPointer { px in
            py.withUnsafeBufferPointer { py in
                qx.withUnsafeBufferPointer { qx in
                    qy.withUnsafeBufferPointer { qy in
                        let count = px.count
                        var inliers = 0
                        var k = 0
                        let (vmr, vmi, vtx, vty, vlimit) = (SIMD8<Float>(repeating: mr), SIMD8<Float>(repeating: mi),
                                                           SIMD8<Float>(repeating: tx), SIMD8<Float>(repeating: ty), SIMD8<Float>(repeating: limit2))
                        while k + 8 <= count {
                            let (x, y) = (Self.load(px, k), Self.load(py, k))
                            let ex = vmr * x - vmi * y + vtx - Self.load(qx, k)
                            let ey = vmi * x + vmr * y + vty - Self.load(qy, k)
                            let inside = ex * ex + ey * ey .<= vlimit
                            inliers += Int(SIMD8<Int32>.zero.replacing(with: 1, where: inside).wrappedSum())
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
            }
        }
    }

    private static func load(_ values: UnsafeBufferPointer<Float>, _ at: Int) -> SIMD8<Float> {
        UnsafeRawPointer(values.baseAddress! + at).loadUnaligned(as: SIMD8<Float>.self)
    }
}
