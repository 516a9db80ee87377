import LikenessCore
import LikenessHashing
import LikenessTestSupport
import Testing

@Suite struct ColorHistogramGroundTests {
    let emd = ColorHistogram.earthMovers

    /// The one-bin histogram of bin `i`.
    func only(_ i: Int) -> [Float] { (0..<ColorHistogram.binCount).map { $0 == i ? 1 : 0 } }

    /// The chromatic bin of hue `h`, saturation `s` and value `v` bins.
    func chromatic(_ h: Int, _ s: Int, _ v: Int) -> Int { 16 + (h * 3 + s) * 3 + v }

    @Test("the ground distance in the HSV cone: hue is circular, weighted by chroma; grey bins lie on the axis")
    func ground() throws {
        #expect(emd.binCount == 88 && emd.lines == [Array(0..<16)])
        // Red (hue bin 0) is as far from hue bin 1 (45°) as from hue bin 7 (315°), and farthest from cyan (bin 4).
        let red = chromatic(0, 2, 2)
        #expect(abs(emd.ground(red, chromatic(1, 2, 2)) - emd.ground(red, chromatic(7, 2, 2))) < 1e-12)
        #expect(emd.ground(red, chromatic(4, 2, 2)) > emd.ground(red, chromatic(2, 2, 2)))
        // Hue counts less for pale colours than for saturated ones.
        #expect(emd.ground(chromatic(0, 0, 2), chromatic(4, 0, 2)) < emd.ground(red, chromatic(4, 2, 2)))
        // Grey bins a sixteenth of the value apart; black to white is 15/16.
        #expect(abs(emd.ground(0, 15) - 15.0 / 16) < 1e-12)
        #expect(abs(try emd.distance(only(0), only(15)) - 15.0 / 16) < 1e-12)
        // Every pair of bins: symmetric, zero only on the diagonal.
        for i in 0..<88 { for j in 0..<88 { #expect((emd.ground(i, j) == 0) == (i == j) && emd.ground(i, j) == emd.ground(j, i)) } }
    }

    @Test("grey images take the closed form, which agrees with the transportation solver over the same points")
    func greyClosedForm() throws {
        let general = try GroundedEarthMovers(points: emd.points)
        for seed in UInt64(1)...6 {
            let a = ColorHistogram().histogram(Fixtures.halves(size: 32, vertical: true, seed: seed))
            let b = ColorHistogram().histogram(Fixtures.halves(size: 32, vertical: false, seed: seed + 10))
            #expect(a[16...].allSatisfy { $0 == 0 } && b[16...].allSatisfy { $0 == 0 })
            #expect(abs(try emd.distance(a, b) - general.distance(a, b)) < 1e-6)
        }
    }

    @Test("colour images: red is nearer orange than cyan, and the EMD of an image to itself is 0")
    func colours() throws {
        let histogram = ColorHistogram()
        let red = histogram.histogram(Fixtures.tinted(width: 16, height: 16, rgb: (220, 30, 30), noise: 10, seed: 1))
        let orange = histogram.histogram(Fixtures.tinted(width: 16, height: 16, rgb: (230, 130, 30), noise: 10, seed: 2))
        let cyan = histogram.histogram(Fixtures.tinted(width: 16, height: 16, rgb: (30, 210, 210), noise: 10, seed: 3))
        let photo = histogram.histogram(Fixtures.texture(width: 48, height: 32, seed: 5))
        #expect(try emd.distance(red, orange) < emd.distance(red, cyan))
        #expect(try emd.distance(photo, photo) < 1e-9)
        #expect(abs(try emd.distance(photo, cyan) - emd.distance(cyan, photo)) < 1e-9)
    }
}
