@testable import LikenessAnalysis
import LikenessCore
import Testing

/// The mask of pixels near a clipped one, against a brute-force search of each pixel's square.
@Suite struct NearClippedTests {
    @Test("a pixel is marked exactly when a clipped pixel lies within clipReach of it across and down, at edges and corners too")
    func matchesSquareSearch() {
        var generator = SeededRandom(seed: 21)
        let reach = TileStatistics.clipReach
        for (w, h) in [(37, 23), (5, 40), (64, 1)] {
            // Mostly mid-grey, with a few clipped pixels of both kinds, some on the borders.
            var values = (0..<(w * h)).map { _ in Float(20 + generator.next() % 200) }
            for _ in 0..<(w * h / 40 + 2) {
                values[Int(generator.next() % UInt64(w * h))] = generator.next() % 2 == 0 ? 0 : 255
            }
            values[0] = 255
            let clipped = { (x: Int, y: Int) in values[y * w + x] <= TileStatistics.clipLow || values[y * w + x] >= TileStatistics.clipHigh }
            let mask = TileStatistics.nearClipped(values, width: w, height: h)
            var marked = 0
            for y in 0..<h {
                for x in 0..<w {
                    let near = (max(0, y - reach)...min(h - 1, y + reach)).contains { yy in
                        (max(0, x - reach)...min(w - 1, x + reach)).contains { xx in clipped(xx, yy) }
                    }
                    #expect(mask[y * w + x] == near, "\(w)×\(h) at \(x),\(y)")
                    if near { marked += 1 }
                }
            }
            #expect(marked > 0 && marked < w * h, "\(w)×\(h): both kinds of pixel are covered")
        }
    }
}
