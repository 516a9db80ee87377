import LikenessCore

/// The share of an image's border that an edit filled with one flat colour: the corner wedges a
/// rotation leaves when it keeps (or grows) the canvas, and the bars of letterboxing or padding.
///
/// From each corner, the run of pixels of the corner's colour is followed along both edges. A corner
/// is *filled* when both runs are long enough and the point a quarter of the way along each (inside
/// the wedge a rotation leaves) has that colour too. Fill is counted only when at least three corners
/// are filled with one colour: a rotation fills all four alike, as do bars on two opposite sides,
/// while a photograph's flat corners (a clipped sky, a shadow) rarely agree at three. The result is
/// the filled share of the border's pixels, each edge counted at most once.
///
/// A photograph shot on a flat backdrop (a product on white) fills its border too, but so do its
/// copies: the measure only tells copies apart where an edit added the fill.
public enum BorderFill {
    /// Largest difference of one channel from the corner's colour inside a run (JPEG leaves
    /// ringing of a few levels in flat areas near an edge).
    public static let tolerance = 8
    /// A run must cover at least this share of its edge (and two pixels) for its corner to count.
    public static let minimumRun = 0.005

    /// Share (0–1) of the border's pixels in filled runs; 0 when fewer than three corners are filled
    /// with one colour, and for images under 8 px a side.
    public static func share(_ pixels: PixelBuffer) -> Double {
        let (w, h) = (pixels.width, pixels.height)
        guard w >= 8, h >= 8 else { return 0 }
        let corners = [Corner(x: 0, y: 0, dx: 1, dy: 1), Corner(x: w - 1, y: 0, dx: -1, dy: 1),
                       Corner(x: 0, y: h - 1, dx: 1, dy: -1), Corner(x: w - 1, y: h - 1, dx: -1, dy: -1)]
        let wedges = corners.map { wedge(at: $0, in: pixels) }
        // The filled corners that share the colour of the most others.
        let sharing = { (colour: (Int, Int, Int)) in wedges.map { wedge in wedge.flatMap { close($0.colour, colour) ? $0 : nil } } }
        guard let runs = wedges.compactMap({ $0.map { sharing($0.colour) } }).max(by: { $0.compactMap { $0 }.count < $1.compactMap { $0 }.count }),
              runs.compactMap({ $0 }).count >= 3 else { return 0 }
        let along = { (first: Int?, second: Int?, length: Int) in min(length, (first ?? 0) + (second ?? 0)) }
        let filled = along(runs[0]?.horizontal, runs[1]?.horizontal, w) + along(runs[2]?.horizontal, runs[3]?.horizontal, w)
            + along(runs[0]?.vertical, runs[2]?.vertical, h) + along(runs[1]?.vertical, runs[3]?.vertical, h)
        return Double(filled) / Double(2 * (w + h))
    }

    /// A corner and the directions that lead into the image from it.
    struct Corner {
        let x: Int, y: Int, dx: Int, dy: Int
    }

    /// The corner's colour and its runs along the two edges, when the corner is filled.
    static func wedge(at corner: Corner, in pixels: PixelBuffer) -> (colour: (Int, Int, Int), horizontal: Int, vertical: Int)? {
        let (w, h) = (pixels.width, pixels.height)
        let colour = pixels.rgb(x: corner.x, y: corner.y)
        let matches = { (x: Int, y: Int) in close(pixels.rgb(x: x, y: y), colour) }
        var horizontal = 1, vertical = 1
        while horizontal < w && matches(corner.x + corner.dx * horizontal, corner.y) { horizontal += 1 }
        while vertical < h && matches(corner.x, corner.y + corner.dy * vertical) { vertical += 1 }
        let least = { (length: Int) in max(2, Int((Double(length) * minimumRun).rounded(.up))) }
        guard horizontal >= least(w), vertical >= least(h),
              matches(corner.x + corner.dx * (horizontal / 4), corner.y + corner.dy * (vertical / 4)) else { return nil }
        return (colour, horizontal, vertical)
    }

    static func close(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Bool {
        abs(a.0 - b.0) <= tolerance && abs(a.1 - b.1) <= tolerance && abs(a.2 - b.2) <= tolerance
    }
}

private extension PixelBuffer {
    func rgb(x: Int, y: Int) -> (Int, Int, Int) {
        let i = (y * width + x) * 3
        return (Int(bytes[i]), Int(bytes[i + 1]), Int(bytes[i + 2]))
    }
}
