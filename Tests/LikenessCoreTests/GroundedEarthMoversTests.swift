import Foundation
import LikenessCore
import Testing

@Suite struct GroundedEarthMoversTests {
    @Test("three bins in the plane: EMD worked by hand")
    func byHand() throws {
        // Bins at (0, 0), (3, 0) and (0, 4): the ground distances are 3, 4 and 5.
        let plane = try GroundedEarthMovers(points: [[0, 0], [3, 0], [0, 4]])
        #expect(plane.ground(1, 2) == 5)
        #expect(abs(try plane.distance([1, 0, 0], [0, 0, 1]) - 4) < 1e-12)
        #expect(abs(try plane.distance([0, 2, 0], [0, 0, 2]) - 5) < 1e-12)
        // Half from each of the first two bins to the third: ½ · 4 + ½ · 5.
        #expect(abs(try plane.distance([0.5, 0.5, 0], [0, 0, 1]) - 4.5) < 1e-12)
        #expect(try plane.distance([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]) == 0)
    }

    @Test("bins on a line: the closed form, the transportation solver and the 1-D EMD agree")
    func lineAgreement() throws {
        var random = SeededRandom(seed: 20)
        for bins in [2, 5, 16, 40] {
            // Bins a unit apart on a slanted line in 3-D, declared a line or not.
            let points = (0..<bins).map { i in [0.6 * Double(i), 0.8 * Double(i), 0] }
            let declared = try GroundedEarthMovers(points: points, lines: [Array((0..<bins).reversed())])
            let undeclared = try GroundedEarthMovers(points: points)
            for _ in 0..<10 {
                let a = histogram(bins, &random), b = histogram(bins, &random)
                let closed = try Metric.emd.measure(a, b)
                #expect(abs(try declared.distance(a, b) - closed) <= 1e-9 * max(1, closed))
                #expect(abs(try undeclared.distance(a, b) - closed) <= 1e-6 * max(1, closed))
            }
        }
    }

    @Test("a Euclidean ground distance makes EMD a metric: symmetric, zero on itself, triangle inequality")
    func metricAxioms() throws {
        var random = SeededRandom(seed: 7)
        let points = (0..<12).map { _ in (0..<3).map { _ in random.nextUnit() } }
        let emd = try GroundedEarthMovers(points: points)
        for _ in 0..<20 {
            let a = histogram(12, &random), b = histogram(12, &random), c = histogram(12, &random)
            let ab = try emd.distance(a, b), ba = try emd.distance(b, a), ac = try emd.distance(a, c), cb = try emd.distance(c, b)
            #expect(abs(ab - ba) < 1e-9)
            #expect(try emd.distance(a, a) < 1e-12)
            #expect(ab <= ac + cb + 1e-9)
        }
    }

    @Test("bad geometry, lengths, values and masses are typed errors")
    func errors() throws {
        #expect(throws: MetricError.self) { try GroundedEarthMovers(points: []) }
        #expect(throws: MetricError.self) { try GroundedEarthMovers(points: [[0, 0], [1]]) }
        #expect(throws: MetricError.self) { try GroundedEarthMovers(points: [[0, 0], [1, .nan]]) }
        // (0, 0), (1, 0), (1, 1) are not collinear.
        #expect(throws: MetricError.self) { try GroundedEarthMovers(points: [[0, 0], [1, 0], [1, 1]], lines: [[0, 1, 2]]) }
        #expect(throws: MetricError.self) { try GroundedEarthMovers(points: [[0, 0], [1, 0]], lines: [[0], [1]]) }
        let pair = try GroundedEarthMovers(points: [[0], [1]])
        #expect(throws: MetricError.unequalLengths(3, 2)) { try pair.distance([1, 0, 0], [0, 1]) }
        #expect(throws: MetricError.self) { try pair.distance([1, -1], [0, 0]) }
        #expect(throws: MetricError.unequalMass(1, 2)) { try pair.distance([1, 0], [0, 2]) }
        #expect([Float](arrayLiteral: 1, 0).withUnsafeBufferPointer { a in [Float](arrayLiteral: 0, 0).withUnsafeBufferPointer { pair.unchecked(a, $0) } } == nil)
    }

    /// A non-negative random histogram of unit mass with some empty bins.
    func histogram(_ bins: Int, _ random: inout SeededRandom) -> [Float] {
        var raw = (0..<bins).map { _ in random.nextUnit() < 0.3 ? 0 : random.nextUnit() }
        if raw.allSatisfy({ $0 == 0 }) { raw[0] = 1 }
        let total = raw.reduce(0, +)
        return raw.map { Float($0 / total) }
    }
}
