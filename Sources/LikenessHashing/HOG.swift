import Foundation
import LikenessCore

/// Histograms of oriented gradients (Dalal & Triggs, "Histograms of Oriented Gradients for Human
/// Detection", CVPR 2005), for a whole grey image.
///
/// Definition, on luma values in [0, 255]:
/// - Gradients by centred differences `[−1, 0, 1]` in x and y (one-sided at the borders);
///   magnitude `√(gx² + gy²)`, unsigned orientation `atan2(gy, gx)` folded into [0°, 180°).
/// - Cells of ``cellSize`` × ``cellSize`` pixels (pixels beyond the last whole cell are left
///   out). Each pixel votes its magnitude into ``bins`` orientation bins centred at
///   `(b + ½) · 180° / bins`, split linearly between the two nearest centres (wrapping at 180°).
/// - Blocks of 2 × 2 cells at a stride of one cell; each block's `4 · bins` values are
///   L2-Hys normalised: divided by `√(‖v‖² + ε²)`, clipped at 0.2, divided again (ε = 1e-3).
/// - The descriptor is the blocks in row order: `(cellsX − 1) · (cellsY − 1) · 4 · bins` values,
///   all non-negative. A flat image gives zeros.
///
/// `eval --methods hog` squashes every image to ``side`` × ``side`` first (64: with the default
/// 16-pixel cells, 4 × 4 cells, 3 × 3 blocks, 324 values).
public struct HOG: Sendable, Hashable {
    /// Side of a cell, in pixels. Default 16.
    public let cellSize: Int
    /// Orientation bins over 0°–180°. Default 9.
    public let bins: Int
    /// Side of the square the image is squashed to before description. Default 64.
    public let side: Int

    /// Clipping level of L2-Hys.
    public static let clip: Float = 0.2
    /// ε of the block normalisation.
    public static let epsilon: Float = 1e-3

    /// A descriptor with these settings; refused unless the cells make at least 2 × 2 (one block)
    /// on the ``side`` × ``side`` image and there are at least 2 bins.
    public init(cellSize: Int = 16, bins: Int = 9, side: Int = 64) throws(HOGError) {
        guard cellSize >= 2, side / cellSize >= 2 else { throw .cellSize(cellSize, side: side) }
        guard bins >= 2, bins <= 180 else { throw .bins(bins) }
        self.cellSize = cellSize
        self.bins = bins
        self.side = side
    }

    /// The length of the descriptor of a ``side`` × ``side`` image.
    public var length: Int { (side / cellSize - 1) * (side / cellSize - 1) * 4 * bins }

    /// The descriptor of a grey image of any size of at least 2 × 2 cells.
    public func describe(_ image: GreyImage) -> [Float] {
        let cells = cellHistograms(image)
        let cellsX = image.width / cellSize, cellsY = image.height / cellSize
        var out: [Float] = []
        out.reserveCapacity(max(0, cellsX - 1) * max(0, cellsY - 1) * 4 * bins)
        for by in 0..<max(0, cellsY - 1) {
            for bx in 0..<max(0, cellsX - 1) {
                var block: [Float] = []
                for (dy, dx) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                    let cell = (by + dy) * cellsX + bx + dx
                    block += cells[(cell * bins)..<((cell + 1) * bins)]
                }
                out += Self.l2Hys(block)
            }
        }
        return out
    }

    /// Every whole cell's orientation histogram, cells in row order, `bins` values each.
    func cellHistograms(_ image: GreyImage) -> [Float] {
        let (w, h) = (image.width, image.height)
        let cellsX = w / cellSize, cellsY = h / cellSize
        var histograms = [Float](repeating: 0, count: cellsX * cellsY * bins)
        let binWidth = Float.pi / Float(bins)
        for y in 0..<(cellsY * cellSize) {
            for x in 0..<(cellsX * cellSize) {
                let gx = image[min(w - 1, x + 1), y] - image[max(0, x - 1), y]
                let gy = image[x, min(h - 1, y + 1)] - image[x, max(0, y - 1)]
                let magnitude = (gx * gx + gy * gy).squareRoot()
                guard magnitude > 0 else { continue }
                var angle = atan2(gy, gx)
                if angle < 0 { angle += .pi }
                if angle >= .pi { angle -= .pi }
                // Position among bin centres: centre b sits at (b + ½) · binWidth.
                let position = angle / binWidth - 0.5
                let lower = Int(position.rounded(.down))
                let share = position - Float(lower)
                let cell = (y / cellSize) * cellsX + x / cellSize
                histograms[cell * bins + (lower + bins) % bins] += magnitude * (1 - share)
                histograms[cell * bins + (lower + 1) % bins] += magnitude * share
            }
        }
        return histograms
    }

    /// L2-Hys: L2-normalise, clip at ``clip``, L2-normalise again.
    static func l2Hys(_ block: [Float]) -> [Float] {
        func normalised(_ v: [Float]) -> [Float] {
            let norm = (v.reduce(0) { $0 + $1 * $1 } + epsilon * epsilon).squareRoot()
            return v.map { $0 / norm }
        }
        return normalised(normalised(block).map { min($0, clip) })
    }
}
