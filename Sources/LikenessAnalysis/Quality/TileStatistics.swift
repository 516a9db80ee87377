import LikenessCore

/// Per-tile statistics of a grey image cut into a grid: Laplacian variance, grey-level variance
/// and a noise estimate, computed in one pass; the tiled quality measures read them.
public struct TileStatistics: Sendable {
    /// Tiles across and down.
    public let columns: Int
    public let rows: Int
    /// Variance of the 4-neighbour Laplacian inside each tile, row-major.
    public let laplacianVariance: [Double]
    /// Variance of the grey levels inside each tile.
    public let greyVariance: [Double]
    /// Immerkær's noise sigma inside each tile (grey levels).
    public let noise: [Double]

    /// Cuts `image` into `grid × grid` tiles (fewer when a tile would be under 8 pixels a side);
    /// border pixels are left out of the Laplacian and noise filters.
    public init(_ image: GreyImage, grid: Int = 8) {
        let (w, h) = (image.width, image.height)
        let columns = max(1, min(grid, (w - 2) / 8)), rows = max(1, min(grid, (h - 2) / 8))
        self.columns = columns
        self.rows = rows
        let count = columns * rows
        var lapSum = [Double](repeating: 0, count: count), lapSquares = lapSum, greySum = lapSum, greySquares = lapSum
        var noiseSum = lapSum, pixels = lapSum
        guard w >= 3, h >= 3 else {
            laplacianVariance = lapSum
            greyVariance = lapSum
            noise = lapSum
            return
        }
        let values = image.values
        values.withUnsafeBufferPointer { v in
            for y in 1..<(h - 1) {
                let row = min(rows - 1, (y - 1) * rows / (h - 2))
                let (up, here, down) = ((y - 1) * w, y * w, (y + 1) * w)
                // Per-row sums per tile column, accumulated as floats then folded in as doubles.
                for column in 0..<columns {
                    let x0 = 1 + column * (w - 2) / columns, x1 = 1 + (column + 1) * (w - 2) / columns
                    var ls: Float = 0, lq: Float = 0, gs: Float = 0, gq: Float = 0, ns: Float = 0
                    for x in x0..<x1 {
                        let c = v[here + x]
                        let cross = v[up + x] + v[down + x] + v[here + x - 1] + v[here + x + 1]
                        let lap = cross - 4 * c
                        ls += lap
                        lq += lap * lap
                        gs += c
                        gq += c * c
                        // Immerkær's mask: 4c − 2·(cross) + diagonals.
                        let diagonals = v[up + x - 1] + v[up + x + 1] + v[down + x - 1] + v[down + x + 1]
                        ns += abs(4 * c - 2 * cross + diagonals)
                    }
                    let t = row * columns + column
                    lapSum[t] += Double(ls); lapSquares[t] += Double(lq)
                    greySum[t] += Double(gs); greySquares[t] += Double(gq)
                    noiseSum[t] += Double(ns); pixels[t] += Double(x1 - x0)
                }
            }
        }
        func variance(_ sum: Double, _ squares: Double, _ n: Double) -> Double { n > 0 ? max(0, squares / n - (sum / n) * (sum / n)) : 0 }
        laplacianVariance = (0..<count).map { variance(lapSum[$0], lapSquares[$0], pixels[$0]) }
        greyVariance = (0..<count).map { variance(greySum[$0], greySquares[$0], pixels[$0]) }
        // Immerkær (1996): sigma = sqrt(pi / 2) / 6 · mean |I ∗ M|.
        noise = (0..<count).map { pixels[$0] > 0 ? (Double.pi / 2).squareRoot() / 6 * noiseSum[$0] / pixels[$0] : 0 }
    }

    /// Tile positions sorted by Laplacian variance, highest first.
    public var sharpestFirst: [Int] { laplacianVariance.indices.sorted { laplacianVariance[$0] > laplacianVariance[$1] } }
}
