import Foundation

extension GreyImage {
    /// Separable Gaussian blur with standard deviation `sigma`, edges clamped; the kernel spans
    /// ±3σ (at least ±1 pixel).
    public func blurred(sigma: Double) -> GreyImage {
        let image = self
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let (w, h) = (image.width, image.height)
        var horizontal = [Float](repeating: 0, count: w * h)
        var out = [Float](repeating: 0, count: w * h)
        kernel.withUnsafeBufferPointer { taps in
            image.values.withUnsafeBufferPointer { source in
                horizontal.withUnsafeMutableBufferPointer { middle in
                    for y in 0..<h {
                        for x in 0..<w {
                            var sum = 0.0
                            for k in -radius...radius { sum += taps[k + radius] * Double(source[y * w + min(w - 1, max(0, x + k))]) }
                            middle[y * w + x] = Float(sum)
                        }
                    }
                }
            }
            horizontal.withUnsafeBufferPointer { middle in
                out.withUnsafeMutableBufferPointer { target in
                    for y in 0..<h {
                        for x in 0..<w {
                            var sum = 0.0
                            for k in -radius...radius { sum += taps[k + radius] * Double(middle[min(h - 1, max(0, y + k)) * w + x]) }
                            target[y * w + x] = Float(sum)
                        }
                    }
                }
            }
        }
        return GreyImage(width: w, height: h, values: out)
    }
}
