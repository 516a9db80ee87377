import Foundation

/// Small inline-SVG charts for the reports: overlaid histograms with marked thresholds, and line
/// curves in the unit square (ROC, PR). Everything is drawn in plain SVG, so pages work offline.
enum SVGPlot {
    /// A series of values drawn as translucent bars.
    struct Series {
        var name: String
        var values: [Double]
        var colour: String
    }

    /// A vertical line at `value`, labelled.
    struct Marker {
        var name: String
        var value: Double
        var colour: String
    }

    static func number(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

    /// Overlaid histograms over a shared range, each normalised to its own total so both shapes
    /// show whatever their sizes, with markers on top. The axis is written on the `svg` element
    /// (`data-low`, `data-high`, `data-left`, `data-span`) and each marker line has the class
    /// `marker`, so a page's script can move a marker when its value changes.
    static func histogram(_ series: [Series], markers: [Marker], bins: Int = 40, width: Double = 640, height: Double = 200) -> String {
        let all = series.flatMap(\.values) + markers.map(\.value)
        guard var low = all.min(), var high = all.max() else { return "" }
        if high - low < 1e-12 { (low, high) = (low - 0.5, high + 0.5) }
        let pad = (high - low) * 0.02
        (low, high) = (low - pad, high + pad)
        let (left, bottom) = (40.0, 34.0)
        func x(_ v: Double) -> Double { left + (v - low) / (high - low) * width }
        let shares = series.map { s -> [Double] in
            var counts = [Double](repeating: 0, count: bins)
            for v in s.values { counts[min(bins - 1, max(0, Int((v - low) / (high - low) * Double(bins))))] += 1 }
            return counts.map { $0 / Double(max(1, s.values.count)) }
        }
        let peak = max(shares.flatMap { $0 }.max() ?? 1, 1e-9)
        var svg = "<svg width=\"\(Int(left + width + 20))\" height=\"\(Int(height + bottom + 10 + 16 * Double(markers.count)))\" role=\"img\" aria-label=\"score histograms\""
            + " data-low=\"\(low)\" data-high=\"\(high)\" data-left=\"\(left)\" data-span=\"\(width)\">\n"
        let barWidth = width / Double(bins)
        for (s, share) in zip(series, shares) {
            for (i, value) in share.enumerated() where value > 0 {
                let h = height * value / peak
                svg += "<rect x=\"\(number(left + Double(i) * barWidth))\" y=\"\(number(height - h))\" width=\"\(number(barWidth))\" height=\"\(number(h))\" fill=\"\(s.colour)\" fill-opacity=\"0.55\"/>"
            }
            svg += "\n"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(height)\" x2=\"\(left + width)\" y2=\"\(height)\" stroke=\"#999\"/>"
        for tick in 0...4 {
            let v = low + (high - low) * Double(tick) / 4
            svg += "<text x=\"\(number(x(v) - 14))\" y=\"\(number(height + 16))\">\(String(format: "%.3g", v))</text>"
        }
        for (i, s) in series.enumerated() {
            let y = height + 30
            svg += "<rect x=\"\(number(left + Double(i) * 170))\" y=\"\(number(y - 10))\" width=\"12\" height=\"12\" fill=\"\(s.colour)\" fill-opacity=\"0.55\"/>"
            svg += "<text x=\"\(number(left + Double(i) * 170 + 16))\" y=\"\(number(y))\">\(HTML.escape(s.name)) (\(s.values.count))</text>"
        }
        for (i, m) in markers.enumerated() {
            let mx = x(m.value)
            svg += "<line class=\"marker\" x1=\"\(number(mx))\" y1=\"0\" x2=\"\(number(mx))\" y2=\"\(height)\" stroke=\"\(m.colour)\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>"
            let y = height + bottom + 10 + 16 * Double(i)
            svg += "<line x1=\"\(left)\" y1=\"\(number(y - 4))\" x2=\"\(left + 20)\" y2=\"\(number(y - 4))\" stroke=\"\(m.colour)\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>"
            svg += "<text class=\"marker-label\" x=\"\(left + 26)\" y=\"\(number(y))\">\(HTML.escape(m.name)) \(String(format: "%.4g", m.value))</text>"
        }
        return svg + "</svg>\n"
    }

    /// A curve through `points` (x, y in [0, 1]) in a square with axis names, plus an optional
    /// highlighted point.
    static func curve(_ points: [(x: Double, y: Double)], xName: String, yName: String, title: String,
                      highlight: (x: Double, y: Double)? = nil, diagonal: Bool = false, size: Double = 260) -> String {
        let (left, top) = (44.0, 20.0)
        func px(_ v: Double) -> Double { left + v * size }
        func py(_ v: Double) -> Double { top + (1 - v) * size }
        var svg = "<svg width=\"\(Int(left + size + 16))\" height=\"\(Int(top + size + 40))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">\n"
        svg += "<text x=\"\(left)\" y=\"12\">\(HTML.escape(title))</text>"
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(size)\" height=\"\(size)\" fill=\"none\" stroke=\"#999\"/>"
        for tick in [0.0, 0.5, 1.0] {
            svg += "<text x=\"\(number(px(tick) - 8))\" y=\"\(number(top + size + 16))\">\(number(tick))</text>"
            svg += "<text x=\"\(number(left - 28))\" y=\"\(number(py(tick) + 4))\">\(number(tick))</text>"
        }
        svg += "<text x=\"\(number(left + size / 2 - 40))\" y=\"\(number(top + size + 34))\">\(HTML.escape(xName))</text>"
        svg += "<text x=\"10\" y=\"\(number(top + size / 2))\" transform=\"rotate(-90 10 \(number(top + size / 2)))\">\(HTML.escape(yName))</text>"
        if diagonal {
            svg += "<line x1=\"\(px(0))\" y1=\"\(py(0))\" x2=\"\(px(1))\" y2=\"\(py(1))\" stroke=\"#ccc\" stroke-dasharray=\"4,4\"/>"
        }
        let path = points.map { "\(number(px($0.x), 2)),\(number(py($0.y), 2))" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#4a7bd0\" stroke-width=\"2\"/>"
        if let highlight {
            svg += "<circle cx=\"\(number(px(highlight.x)))\" cy=\"\(number(py(highlight.y)))\" r=\"4\" fill=\"#d03030\"/>"
        }
        return svg + "</svg>\n"
    }

    /// One named line of a chart: y values at x = 1, 2, … (nil: no point there).
    struct Line {
        var name: String
        var values: [Double?]
        var colour: String
    }

    /// Lines over x = 1…n (epochs) on a shared y range from the values themselves, with a legend
    /// and an optional dashed vertical marker (the kept epoch).
    static func lines(_ lines: [Line], xName: String, yName: String, marker: (x: Int, name: String)? = nil,
                      width: Double = 520, height: Double = 220) -> String {
        let values = lines.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        let count = lines.map(\.values.count).max() ?? 0
        guard var low = values.min(), var high = values.max(), count > 0 else { return "" }
        if high - low < 1e-12 { (low, high) = (low - 0.5, high + 0.5) }
        let pad = (high - low) * 0.05
        (low, high) = (low - pad, high + pad)
        let (left, top, bottom) = (64.0, 12.0, 40.0)
        func px(_ x: Int) -> Double { left + (count == 1 ? width / 2 : Double(x - 1) / Double(count - 1) * width) }
        func py(_ y: Double) -> Double { top + (1 - (y - low) / (high - low)) * height }
        var svg = "<svg width=\"\(Int(left + width + 20))\" height=\"\(Int(top + height + bottom + 18 * Double(lines.count)))\" role=\"img\" aria-label=\"\(HTML.escape(yName)) by \(HTML.escape(xName))\">\n"
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(width)\" height=\"\(height)\" fill=\"none\" stroke=\"#ccc\"/>"
        for tick in 0...4 {
            let y = low + (high - low) * Double(tick) / 4
            svg += "<text x=\"4\" y=\"\(number(py(y) + 4))\">\(String(format: "%.4g", y))</text>"
        }
        for x in Set([1, (count + 1) / 2, count]).sorted() {
            svg += "<text x=\"\(number(px(x) - 4))\" y=\"\(number(top + height + 16))\">\(x)</text>"
        }
        svg += "<text x=\"\(number(left + width / 2 - 20))\" y=\"\(number(top + height + 32))\">\(HTML.escape(xName))</text>"
        if let marker {
            svg += "<line x1=\"\(number(px(marker.x)))\" y1=\"\(top)\" x2=\"\(number(px(marker.x)))\" y2=\"\(top + height)\" stroke=\"#888\" stroke-dasharray=\"5,3\"/>"
            let after = marker.x * 2 <= count  // the label goes on the side with room
            svg += "<text x=\"\(number(px(marker.x) + (after ? 4 : -4)))\" y=\"\(number(top + 12))\" text-anchor=\"\(after ? "start" : "end")\">\(HTML.escape(marker.name))</text>"
        }
        for (i, line) in lines.enumerated() {
            let points = line.values.enumerated().compactMap { x, y in
                y.flatMap { $0.isFinite ? (x: number(px(x + 1), 2), y: number(py($0), 2)) : nil }
            }
            if points.count > 1 {
                svg += "<polyline points=\"\(points.map { "\($0.x),\($0.y)" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2\"/>"
            }
            for point in points {
                svg += "<circle cx=\"\(point.x)\" cy=\"\(point.y)\" r=\"2.5\" fill=\"\(line.colour)\"/>"
            }
            let y = top + height + bottom + 18 * Double(i) + 4
            svg += "<line x1=\"\(left)\" y1=\"\(number(y - 4))\" x2=\"\(left + 20)\" y2=\"\(number(y - 4))\" stroke=\"\(line.colour)\" stroke-width=\"2\"/>"
            svg += "<text x=\"\(left + 26)\" y=\"\(number(y))\">\(HTML.escape(line.name))</text>"
        }
        return svg + "</svg>\n"
    }
}
