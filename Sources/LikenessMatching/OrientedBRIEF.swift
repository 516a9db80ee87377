import Foundation
import LikenessCore

/// Oriented binary tests in the manner of ORB's rBRIEF (Rublee et al. 2011), with our own seeded
/// test pattern: 256 comparisons of two smoothed pixels near the keypoint, the pattern turned by
/// the keypoint's orientation so that a rotated image gives the same bits.
struct OrientedBRIEF: Sendable {
    /// Test points lie within this radius, so a turned pattern stays inside the patch.
    static let patternRadius: Float = 13
    /// Orientation is measured over a disc of this radius.
    static let orientationRadius = 15
    /// Keypoints must be this far from the edges.
    static let margin = 16
    /// Orientations are quantised to this many steps, each with its turned pattern precomputed.
    static let angleSteps = 32

    /// For each orientation step, 256 tests as pairs of pixel offsets.
    private let turned: [[(a: (dx: Int, dy: Int), b: (dx: Int, dy: Int))]]

    init(seed: UInt64 = 0x5eed_b41ef) {
        var random = SeededRandom(seed: seed)
        func point() -> (Float, Float) {
            // Isotropic Gaussian (σ = radius / 2), redrawn until inside the radius.
            while true {
                let u1 = max(random.nextUnit(), 1e-12), u2 = random.nextUnit()
                let r = Float((-2 * log(u1)).squareRoot()) * Self.patternRadius / 2
                let (x, y) = (r * Float(cos(2 * .pi * u2)), r * Float(sin(2 * .pi * u2)))
                if x * x + y * y <= Self.patternRadius * Self.patternRadius { return (x, y) }
            }
        }
        let tests = (0..<256).map { _ in (point(), point()) }
        turned = (0..<Self.angleSteps).map { step in
            let angle = Float(step) * 2 * .pi / Float(Self.angleSteps)
            let (c, s) = (cos(angle), sin(angle))
            func turn(_ p: (Float, Float)) -> (dx: Int, dy: Int) {
                (Int((c * p.0 - s * p.1).rounded()), Int((s * p.0 + c * p.1).rounded()))
            }
            return tests.map { (turn($0.0), turn($0.1)) }
        }
    }

    /// The orientation of the patch around (x, y): the angle of its intensity centroid.
    static func orientation(_ image: GreyImage, x: Int, y: Int) -> Float {
        let r = orientationRadius
        var (m10, m01): (Float, Float) = (0, 0)
        image.values.withUnsafeBufferPointer { v in
            for dy in -r...r {
                let span = Int(Float(r * r - dy * dy).squareRoot())
                let row = (y + dy) * image.width + x
                for dx in -span...span {
                    let value = v[row + dx]
                    m10 += Float(dx) * value
                    m01 += Float(dy) * value
                }
            }
        }
        return atan2(m01, m10)
    }

    /// The descriptor at (x, y) of a smoothed image, for a keypoint at `angle`.
    func describe(_ smoothed: GreyImage, x: Int, y: Int, angle: Float) -> BinaryDescriptor {
        var step = Int((angle / (2 * .pi) * Float(Self.angleSteps)).rounded()) % Self.angleSteps
        if step < 0 { step += Self.angleSteps }
        var words = SIMD4<UInt64>.zero
        turned[step].withUnsafeBufferPointer { tests in
            smoothed.values.withUnsafeBufferPointer { v in
                let (centre, width) = (y * smoothed.width + x, smoothed.width)
                for word in 0..<4 {
                    var bits: UInt64 = 0
                    for bit in 0..<64 {
                        let test = tests[64 * word + bit]
                        let a = v[centre + test.a.dy * width + test.a.dx]
                        let b = v[centre + test.b.dy * width + test.b.dx]
                        if a < b { bits |= 1 << UInt64(bit) }
                    }
                    words[word] = bits
                }
            }
        }
        return BinaryDescriptor(words[0], words[1], words[2], words[3])
    }
}
