import Foundation

extension GreyImage {
    /// Separable Gaussian blur with standard deviation `sigma`, edges clamped; the kernel spans
    /// ±3σ (at least ±1 pixel).
    ///
    /// Every pixel sums its taps from the most negative offset up, in Double, and each pass rounds
    /// to Float, exactly as the plain per-pixel loop does. For speed, each row is first widened to
    /// Double with its edge pixels repeated past both ends, so that every pixel of a pass is the
    /// same loop, and eight pixels are summed at once in registers, tap by tap.
    public func blurred(sigma: Double) -> GreyImage {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let (w, h) = (width, height)
        guard w > 0, h > 0 else { return self }
        // The horizontal pass's Float results, held widened to Double for the vertical pass.
        var middle = [Double](repeating: 0, count: w * h)
        var out = [Float](repeating: 0, count: w * h)
        var line = [Double](repeating: 0, count: w + 2 * radius)
        kernel.withUnsafeBufferPointer { taps in
            values.withUnsafeBufferPointer { source in
                middle.withUnsafeMutableBufferPointer { middle in
                    line.withUnsafeMutableBufferPointer { line in
                        for y in 0..<h {
                            let row = y * w
                            for i in 0..<radius { line[i] = Double(source[row]); line[radius + w + i] = Double(source[row + w - 1]) }
                            for x in 0..<w { line[radius + x] = Double(source[row + x]) }
                            // Output x sums line[x + k + radius] for k from −radius up.
                            Self.convolve(taps, UnsafePointer(line.baseAddress!), count: w) { x, sum in
                                middle[row + x] = Double(Float(sum))
                            }
                        }
                    }
                }
                middle.withUnsafeBufferPointer { middle in
                    out.withUnsafeMutableBufferPointer { target in
                        var rows = [UnsafePointer<Double>](repeating: middle.baseAddress!, count: 2 * radius + 1)
                        for y in 0..<h {
                            for k in -radius...radius { rows[k + radius] = middle.baseAddress! + min(h - 1, max(0, y + k)) * w }
                            rows.withUnsafeBufferPointer { rows in
                                Self.convolve(taps, rows, count: w) { x, sum in target[y * w + x] = Float(sum) }
                            }
                        }
                    }
                }
            }
        }
        return GreyImage(width: w, height: h, values: out)
    }

    /// For x in 0..<count: Σ taps[k] · line[x + k], k upward from 0, in Double; eight x at a time.
    @inline(__always)
    private static func convolve(_ taps: UnsafeBufferPointer<Double>, _ line: UnsafePointer<Double>, count: Int,
                                 _ store: (Int, Double) -> Void) {
        let raw = UnsafeRawPointer(line)
        var x = 0
        while x + 8 <= count {
            var sum = SIMD8<Double>.zero
            for k in 0..<taps.count {
                sum += SIMD8(repeating: taps[k]) * raw.loadUnaligned(fromByteOffset: 8 * (x + k), as: SIMD8<Double>.self)
            }
            for lane in 0..<8 { store(x + lane, sum[lane]) }
            x += 8
        }
        while x < count {
            var sum = 0.0
            for k in 0..<taps.count { sum += taps[k] * line[x + k] }
            store(x, sum)
            x += 1
        }
    }

    /// For x in 0..<count: Σ taps[k] · rows[k][x], k upward from 0, in Double; eight x at a time.
    @inline(__always)
    private static func convolve(_ taps: UnsafeBufferPointer<Double>, _ rows: UnsafeBufferPointer<UnsafePointer<Double>>, count: Int,
                                 _ store: (Int, Double) -> Void) {
        var x = 0
        while x + 8 <= count {
            var sum = SIMD8<Double>.zero
            for k in 0..<taps.count {
                sum += SIMD8(repeating: taps[k]) * UnsafeRawPointer(rows[k]).loadUnaligned(fromByteOffset: 8 * x, as: SIMD8<Double>.self)
            }
            for lane in 0..<8 { store(x + lane, sum[lane]) }
            x += 8
        }
        while x < count {
            var sum = 0.0
            for k in 0..<taps.count { sum += taps[k] * rows[k][x] }
            store(x, sum)
            x += 1
        }
    }
}
