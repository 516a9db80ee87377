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

    /// Grey levels at or beyond which a pixel counts as clipped; pixels within ``clipReach`` of
    /// one are left out (JPEG rings for a few pixels along an edge against a clipped area).
    static let clipLow: Float = 4, clipHigh: Float = 251
    static let clipReach = 2

    /// Whether each pixel lies within ``clipReach`` (a square) of a clipped pixel.
    static func nearClipped(_ values: [Float], width w: Int, height h: Int) -> [Bool] {
        var rows = [Bool](repeating: false, count: w * h)
        values.withUnsafeBufferPointer { values in
            rows.withUnsafeMutableBufferPointer { rows in
                for y in 0..<h {
                    var last = -clipReach - 1
                    // Forward pass: distance to the last clipped pixel on the left; backward: on the right.
                    for x in 0..<w {
                        let v = values[y * w + x]
                        if v <= clipLow || v >= clipHigh { last = x }
                        if x - last <= clipReach { rows[y * w + x] = true }
                    }
                    last = w + clipReach + 1
                    for x in stride(from: w - 1, through: 0, by: -1) {
                        let v = values[y * w + x]
                        if v <= clipLow || v >= clipHigh { last = x }
                        if last - x <= clipReach { rows[y * w + x] = true }
                    }
                }
            }
        }
        // Down the columns, swept a row at a time (each column's last marked row kept apart), so
        // memory is read in order: walking one column at a time missed the cache at every pixel.
        var mask = rows
        rows.withUnsafeBufferPointer { rows in
            mask.withUnsafeMutableBufferPointer { mask in
                var last = [Int](repeating: -clipReach - 1, count: w)
                last.withUnsafeMutableBufferPointer { last in
                    for y in 0..<h {
                        for x in 0..<w {
                            if rows[y * w + x] { last[x] = y }
                            if y - last[x] <= clipReach { mask[y * w + x] = true }
                        }
                    }
                    last.update(repeating: h + clipReach + 1)
                    for y in stride(from: h - 1, through: 0, by: -1) {
                        for x in 0..<w {
                            if rows[y * w + x] { last[x] = y }
                            if last[x] - y <= clipReach { mask[y * w + x] = true }
                        }
                    }
                }
            }
        }
        return mask
    }

    /// Cuts `image` into `grid × grid` tiles (fewer when a tile would be under 8 pixels a side);
    /// border pixels, and pixels with a clipped neighbour, are left out of every sum.
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
        let nearClipped = Self.nearClipped(values, width: w, height: h)
        values.withUnsafeBufferPointer { v in
            for y in 1..<(h - 1) {
                let row = min(rows - 1, (y - 1) * rows / (h - 2))
                let (up, here, down) = ((y - 1) * w, y * w, (y + 1) * w)
                // Per-row sums per tile column, accumulated as floats then folded in as doubles.
                for column in 0..<columns {
                    let x0 = 1 + column * (w - 2) / columns, x1 = 1 + (column + 1) * (w - 2) / columns
                    var ls: Float = 0, lq: Float = 0, gs: Float = 0, gq: Float = 0, ns: Float = 0
                    var counted = 0
                    for x in x0..<x1 {
                        let c = v[here + x]
                        // Clipped pixels carry no detail, and an edge against them (the black
                        // corners of a rotation, a blown sky) is no measure of focus: skipped.
                        if nearClipped[here + x] { continue }
                        let cross = v[up + x] + v[down + x] + v[here + x - 1] + v[here + x + 1]
                        let lap = cross - 4 * c
                        ls += lap
                        lq += lap * lap
                        gs += c
                        gq += c * c
                        // Immerkær's mask: 4c − 2·(cross) + diagonals.
                        let diagonals = v[up + x - 1] + v[up + x + 1] + v[down + x - 1] + v[down + x + 1]
                        ns += abs(4 * c - 2 * cross + diagonals)
                        counted += 1
                    }
                    let t = row * columns + column
                    lapSum[t] += Double(ls); lapSquares[t] += Double(lq)
                    greySum[t] += Double(gs); greySquares[t] += Double(gq)
                    noiseSum[t] += Double(ns); pixels[t] += Double(counted)
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
