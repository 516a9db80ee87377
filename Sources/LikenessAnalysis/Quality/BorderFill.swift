import LikenessCore

/// The share of an image's border that an edit filled with one flat colour: the corner wedges a
/// rotation leaves when it keeps (or grows) its canvas, and the bars of letterboxing or padding.
///
/// From each corner, the run of pixels of the corner's colour is followed along both edges. Flat
/// corners alone prove nothing (a product shot on white, a render on black, a clipped sky), so
/// the fill counts only when its shape is an edit's:
/// - **a rotation**: all four corners hold right triangles of one colour, with the same angle
///   (short leg over long leg, within ``angleSpread``), the long legs alternating as a turned
///   rectangle's do (top-left like bottom-right, top-right like bottom-left, the two pairs crossed),
///   filled inside the hypotenuse and not beyond it;
/// - **bars**: two opposite edges flat along their whole length, each bar as thick at one end as at
///   the other and the two bars about as thick as each other (a centred letterbox or pillarbox),
///   with a varied picture right inside them (a drawing's blank margin ends at a ruled line or
///   at more blank paper).
///
/// The result is the filled share of the border's pixels, each edge counted at most once; 0 when
/// neither shape is found.
public enum BorderFill {
    /// Largest difference of one channel from the corner's colour inside a run (JPEG leaves
    /// ringing of a few levels in flat areas near an edge).
    public static let tolerance = 8
    /// Largest ratio between the four wedges' short-over-long legs. Loose, because a JPEG's ringing
    /// cuts the long leg of a thin wedge short (a 3° turn at quality 75: 0.05 to 0.15).
    public static let angleSpread = 3.0

    /// Share (0–1) of the border's pixels filled by a rotation or by bars; 0 for images under 8 px a side.
    public static func share(_ pixels: PixelBuffer) -> Double {
        let (w, h) = (pixels.width, pixels.height)
        guard w >= 8, h >= 8 else { return 0 }
        let corners = [Corner(x: 0, y: 0, dx: 1, dy: 1), Corner(x: w - 1, y: 0, dx: -1, dy: 1),
                       Corner(x: 0, y: h - 1, dx: 1, dy: -1), Corner(x: w - 1, y: h - 1, dx: -1, dy: -1)]
        let runs = corners.map { Run(at: $0, in: pixels) }
        guard runs.allSatisfy({ close($0.colour, runs[0].colour) }),
              isRotation(runs, corners, pixels) || isBars(runs, pixels) else { return 0 }
        let along = { (first: Int, second: Int, length: Int) in min(length, first + second) }
        let filled = along(runs[0].horizontal, runs[1].horizontal, w) + along(runs[2].horizontal, runs[3].horizontal, w)
            + along(runs[0].vertical, runs[2].vertical, h) + along(runs[1].vertical, runs[3].vertical, h)
        return Double(filled) / Double(2 * (w + h))
    }

    /// Four wedges of one angle, crossed as a turned rectangle's, filled inside and not beyond.
    /// Corners are in the order top-left, top-right, bottom-left, bottom-right.
    static func isRotation(_ runs: [Run], _ corners: [Corner], _ pixels: PixelBuffer) -> Bool {
        guard runs.allSatisfy({ min($0.horizontal, $0.vertical) >= 2 && $0.horizontal < pixels.width && $0.vertical < pixels.height }) else {
            return false
        }
        let upright = runs.map { $0.vertical > $0.horizontal }
        guard upright[0] == upright[3], upright[1] == upright[2], upright[0] != upright[1] else { return false }
        let slopes = runs.map { Double(min($0.horizontal, $0.vertical)) / Double(max($0.horizontal, $0.vertical)) }
        guard slopes.max()! <= angleSpread * slopes.min()! else { return false }
        let inside = zip(runs, corners).filter { run, c in run.matches(c, along: 0.25, in: pixels) }.count
        let beyond = zip(runs, corners).filter { run, c in run.matches(c, along: 0.75, in: pixels) }.count
        return inside == 4 && beyond <= 1
    }

    /// Two opposite edges flat from end to end, the bars of even and similar thickness, and a
    /// picture (not a drawn frame line or more margin) right inside each bar.
    static func isBars(_ runs: [Run], _ pixels: PixelBuffer) -> Bool {
        let even = { (a: Int, b: Int) in abs(a - b) <= max(2, min(a, b) / 10) }
        let (w, h) = (pixels.width, pixels.height)
        if runs.allSatisfy({ $0.horizontal == w && $0.vertical < h }) {
            let (top, bottom) = (min(runs[0].vertical, runs[1].vertical), min(runs[2].vertical, runs[3].vertical))
            return even(runs[0].vertical, runs[1].vertical) && even(runs[2].vertical, runs[3].vertical) && even(top, bottom)
                && varied(pixels, (0..<w).map { ($0, top) }) && varied(pixels, (0..<w).map { ($0, h - 1 - bottom) })
        }
        if runs.allSatisfy({ $0.vertical == h && $0.horizontal < w }) {
            let (left, right) = (min(runs[0].horizontal, runs[2].horizontal), min(runs[1].horizontal, runs[3].horizontal))
            return even(runs[0].horizontal, runs[2].horizontal) && even(runs[1].horizontal, runs[3].horizontal) && even(left, right)
                && varied(pixels, (0..<h).map { (left, $0) }) && varied(pixels, (0..<h).map { (w - 1 - right, $0) })
        }
        return false
    }

    /// Whether a line of pixels spans more than ``pictureRange`` levels in some channel: a
    /// photograph's row does, a ruled line or a blank margin does not.
    static func varied(_ pixels: PixelBuffer, _ points: [(Int, Int)]) -> Bool {
        var low: Colour = (255, 255, 255), high: Colour = (0, 0, 0)
        for (x, y) in points {
            let c = pixels[x, y]
            low = (min(low.r, c.r), min(low.g, c.g), min(low.b, c.b))
            high = (max(high.r, c.r), max(high.g, c.g), max(high.b, c.b))
        }
        return Int(max(high.r - low.r, high.g - low.g, high.b - low.b)) > pictureRange
    }

    /// Channel range that makes a line of pixels a picture's, for ``varied(_:_:)``.
    static let pictureRange = 24

    /// A corner and the directions that lead into the image from it.
    struct Corner {
        let x: Int, y: Int, dx: Int, dy: Int
    }

    /// A corner's colour and how far it runs along the top or bottom edge and along the side.
    struct Run {
        let colour: Colour
        var horizontal = 1, vertical = 1

        init(at corner: Corner, in pixels: PixelBuffer) {
            colour = pixels[corner.x, corner.y]
            while horizontal < pixels.width && close(pixels[corner.x + corner.dx * horizontal, corner.y], colour) { horizontal += 1 }
            while vertical < pixels.height && close(pixels[corner.x, corner.y + corner.dy * vertical], colour) { vertical += 1 }
        }

        /// Whether the point `fraction` of the way along both legs from the corner has the corner's
        /// colour: inside the wedge below ½, beyond its hypotenuse above.
        func matches(_ corner: Corner, along fraction: Double, in pixels: PixelBuffer) -> Bool {
            let x = corner.x + corner.dx * Int(Double(horizontal) * fraction)
            let y = corner.y + corner.dy * Int(Double(vertical) * fraction)
            return close(pixels[x, y], colour)
        }
    }

    /// A pixel as ``PixelBuffer``'s subscript gives it.
    typealias Colour = (r: UInt8, g: UInt8, b: UInt8)

    static func close(_ a: Colour, _ b: Colour) -> Bool {
        abs(Int(a.r) - Int(b.r)) <= tolerance && abs(Int(a.g) - Int(b.g)) <= tolerance && abs(Int(a.b) - Int(b.b)) <= tolerance
    }
}
