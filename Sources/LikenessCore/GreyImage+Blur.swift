import Foundation

extension GreyImage {
    /// Separable Gaussian blur with standard deviation `sigma`, edges clamped; the kernel spans
    /// ±3σ (at least ±1 pixel).
    ///
    /// Away from the edges each pass accumulates a whole row at a time, tap by tap, so the loop
    /// vectorises across pixels; every pixel still sums its taps in the same order, in Double, so
    /// the result is the same to the bit as the plain per-pixel loop used near the edges.
    public func blurred(sigma: Double) -> GreyImage {
        let image = self
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let (w, h) = (image.width, image.height)
        var horizontal = [Float](repeating: 0, count: w * h)
        var out = [Float](repeating: 0, count: w * h)
        var sums = [Double](repeating: 0, count: w)
        kernel.withUnsafeBufferPointer { taps in
            sums.withUnsafeMutableBufferPointer { acc in
                image.values.withUnsafeBufferPointer { source in
                    horizontal.withUnsafeMutableBufferPointer { middle in
                        let interior = radius < w - radius ? radius..<(w - radius) : 0..<0
                        for y in 0..<h {
                            let row = y * w
                            for x in 0..<w where !interior.contains(x) {
                                var sum = 0.0
                                for k in -radius...radius { sum += taps[k + radius] * Double(source[row + min(w - 1, max(0, x + k))]) }
                                middle[row + x] = Float(sum)
                            }
                            guard !interior.isEmpty else { continue }
                            for x in interior { acc[x] = 0 }
                            for k in -radius...radius {
                                let tap = taps[k + radius]
                                for x in interior { acc[x] += tap * Double(source[row + x + k]) }
                            }
                            for x in interior { middle[row + x] = Float(acc[x]) }
                        }
                    }
                }
                horizontal.withUnsafeBufferPointer { middle in
                    out.withUnsafeMutableBufferPointer { target in
                        for y in 0..<h {
                            let row = y * w
                            guard y >= radius, y < h - radius else {
                                for x in 0..<w {
                                    var sum = 0.0
                                    for k in -radius...radius { sum += taps[k + radius] * Double(middle[min(h - 1, max(0, y + k)) * w + x]) }
                                    target[row + x] = Float(sum)
                                }
                                continue
                            }
                            for x in 0..<w { acc[x] = 0 }
                            for k in -radius...radius {
                                let tap = taps[k + radius]
                                let from = (y + k) * w
                                for x in 0..<w { acc[x] += tap * Double(middle[from + x]) }
                            }
                            for x in 0..<w { target[row + x] = Float(acc[x]) }
                        }
                    }
                }
            }
        }
        return GreyImage(width: w, height: h, values: out)
    }
}
