import LikenessCore
@testable import LikenessHashing
import Testing

@Suite struct HOGTests {
    /// A 32 × 32 image, dark where `bright` is false.
    func image(_ bright: (Int, Int) -> Bool) -> GreyImage {
        GreyImage(width: 32, height: 32, values: (0..<(32 * 32)).map { bright($0 % 32, $0 / 32) ? 200 : 40 })
    }

    @Test("length, and zeros for a flat image")
    func shape() throws {
        let hog = try HOG(cellSize: 8, bins: 9, side: 32)
        #expect(hog.length == 3 * 3 * 4 * 9)
        let flat = hog.describe(GreyImage(width: 32, height: 32, values: Array(repeating: 90, count: 32 * 32)))
        #expect(flat.count == hog.length && flat.allSatisfy { $0 == 0 })
        #expect(try HOG().length == 324)
    }

    @Test("a vertical edge votes 0° (split between the bins centred at 10° and 170°), a horizontal one 90°")
    func orientations() throws {
        let hog = try HOG(cellSize: 8, bins: 9, side: 32)
        // Edge between columns 11 and 12: inside cell column 1.
        let vertical = hog.cellHistograms(image { x, _ in x >= 12 })
        let horizontal = hog.cellHistograms(image { _, y in y >= 12 })
        for cell in 0..<16 {
            let v = Array(vertical[(cell * 9)..<((cell + 1) * 9)]), h = Array(horizontal[(cell * 9)..<((cell + 1) * 9)])
            // Gradient 160 on each of two columns per row, 8 rows: 2560 per edge cell, halved into bins 0 and 8.
            let onEdge = cell % 4 == 1
            #expect(v[0] == (onEdge ? 1280 : 0) && v[8] == (onEdge ? 1280 : 0) && v[1..<8].allSatisfy { $0 == 0 }, "cell \(cell): \(v)")
            // 90° is the centre of bin 4 (within the rounding of π/2 ÷ π/9).
            let onRow = cell / 4 == 1
            #expect(abs(h[4] - (onRow ? 2560 : 0)) < 0.01 && h.enumerated().allSatisfy { $0.offset == 4 || $0.element < 0.01 }, "cell \(cell): \(h)")
        }
    }

    @Test("blocks are unit length after L2-Hys, and contrast does not change the descriptor")
    func normalisation() throws {
        let hog = try HOG(cellSize: 8, bins: 6, side: 32)
        let diagonal = image { x, y in x + y > 30 }
        let descriptor = hog.describe(diagonal)
        let blockLength = 4 * 6
        for block in 0..<(descriptor.count / blockLength) {
            let values = descriptor[(block * blockLength)..<((block + 1) * blockLength)]
            let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(norm == 0 || abs(norm - 1) < 1e-3, "block \(block): norm \(norm)")
        }
        let stronger = hog.describe(GreyImage(width: 32, height: 32, values: diagonal.values.map { $0 * 1.2 + 7 }))
        #expect(zip(descriptor, stronger).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(descriptor.contains { $0 > 0 } && descriptor.allSatisfy { $0 >= 0 })
    }

    @Test("settings that make no block or no orientation are refused")
    func refusals() {
        #expect(throws: HOGError.cellSize(33, side: 64)) { try HOG(cellSize: 33) }
        #expect(throws: HOGError.cellSize(1, side: 64)) { try HOG(cellSize: 1) }
        #expect(throws: HOGError.bins(1)) { try HOG(bins: 1) }
    }
}
