import Foundation
import LikenessCore

extension BRISQUE {
    /// A grey image of doubles in [0, 1], row-major, on which BRISQUE's statistics are taken (in
    /// double precision, as the reference computes them).
    struct Plane: Sendable, Equatable {
        let width: Int
        let height: Int
        var values: [Double]

        init(width: Int, height: Int, values: [Double]) {
            precondition(values.count == width * height, "plane must hold width × height values")
            self.width = width
            self.height = height
            self.values = values
        }

        /// 0.2125 R + 0.7154 G + 0.0721 B, over 255 (scikit-image's `rgb2gray`).
        init(grey pixels: PixelBuffer) {
            let count = pixels.width * pixels.height
            var values = [Double](repeating: 0, count: count)
            pixels.bytes.withUnsafeBufferPointer { p in
                for i in 0..<count {
                    values[i] = (0.2125 * Double(p[3 * i]) + 0.7154 * Double(p[3 * i + 1]) + 0.0721 * Double(p[3 * i + 2])) / 255
                }
            }
            self.init(width: pixels.width, height: pixels.height, values: values)
        }

        /// The window of the local moments: a 7-tap Gaussian of σ = 7/6, normalised; the 7 × 7
        /// window is its outer product with itself.
        static let window: [Double] = {
            let sigma = 7.0 / 6
            let taps = (-3...3).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
            let total = taps.reduce(0, +)
            return taps.map { $0 / total }
        }()

        /// Mean-subtracted contrast-normalised coefficients: (I − μ) / (σ + 1/255), with μ = w ∗ I,
        /// σ = √|μ² − w ∗ I²| and w ∗ the ``window`` convolution with zeros beyond the edges.
        func mscn() -> Plane {
            let mean = convolved(values)
            let squares = convolved(values.map { $0 * $0 })
            var out = [Double](repeating: 0, count: values.count)
            values.withUnsafeBufferPointer { v in
                mean.withUnsafeBufferPointer { m in
                    squares.withUnsafeBufferPointer { s in
                        out.withUnsafeMutableBufferPointer { o in
                            for i in 0..<v.count {
                                let deviation = abs(m[i] * m[i] - s[i]).squareRoot()
                                o[i] = (v[i] - m[i]) / (deviation + 1.0 / 255)
                            }
                        }
                    }
                }
            }
            return Plane(width: width, height: height, values: out)
        }

        /// `field` convolved with the ``window`` along rows then columns, zeros beyond the edges
        /// (scipy's `convolve2d(..., 'same')`).
        ///
        /// Each output adds its taps' products in tap order starting from zero, skipping taps
        /// beyond the edges; the loops run tap by tap over whole rows so that they vectorise, which
        /// keeps that order and so the bits.
        func convolved(_ field: [Double]) -> [Double] {
            let (w, h) = (width, height)
            let taps = Self.window, radius = 3
            var across = [Double](repeating: 0, count: field.count)
            var out = across
            field.withUnsafeBufferPointer { f in
                across.withUnsafeMutableBufferPointer { a in
                    for y in 0..<h {
                        for k in -radius...radius {
                            let from = max(0, -k), to = min(w, w - k)
                            guard from < to else { continue }
                            Self.addScaled(taps[k + radius], of: f.baseAddress! + (y * w + from + k), to: a.baseAddress! + (y * w + from), count: to - from)
                        }
                    }
                }
            }
            across.withUnsafeBufferPointer { a in
                out.withUnsafeMutableBufferPointer { o in
                    for y in 0..<h {
                        for k in max(-radius, -y)...min(radius, h - 1 - y) {
                            Self.addScaled(taps[k + radius], of: a.baseAddress! + (y + k) * w, to: o.baseAddress! + y * w, count: w)
                        }
                    }
                }
            }
            return out
        }

        /// `target[i] += tap × source[i]` for `i` below `count`: one multiply and one add per
        /// element, in a loop free of overflow checks so that it vectorises.
        @inline(__always)
        private static func addScaled(_ tap: Double, of source: UnsafePointer<Double>, to target: UnsafeMutablePointer<Double>, count: Int) {
            var i = 0
            while i < count {
                target[i] += tap * source[i]
                i &+= 1
            }
        }

        /// Half the size by bicubic interpolation, as OpenCV's `resize(fx: 0.5, fy: 0.5, INTER_CUBIC)`:
        /// each side rounded half to even, output pixel x sampled at source 2x + ½, so its taps
        /// fall on source pixels 2x − 1 … 2x + 2 with Keys' weights (a = −0.75) at t = ½:
        /// −0.09375, 0.59375, 0.59375, −0.09375; the edges are clamped.
        func halved() -> Plane {
            let w2 = Int((Double(width) / 2).rounded(.toNearestOrEven)), h2 = Int((Double(height) / 2).rounded(.toNearestOrEven))
            let taps = [-0.09375, 0.59375, 0.59375, -0.09375]
            var across = [Double](repeating: 0, count: w2 * height)
            values.withUnsafeBufferPointer { v in
                for y in 0..<height {
                    for x in 0..<w2 {
                        var sum = 0.0
                        for k in 0..<4 { sum += taps[k] * v[y * width + min(width - 1, max(0, 2 * x - 1 + k))] }
                        across[y * w2 + x] = sum
                    }
                }
            }
            var out = [Double](repeating: 0, count: w2 * h2)
            for y in 0..<h2 {
                for k in 0..<4 {
                    let from = min(height - 1, max(0, 2 * y - 1 + k)) * w2
                    for x in 0..<w2 { out[y * w2 + x] += taps[k] * across[from + x] }
                }
            }
            return Plane(width: w2, height: h2, values: out)
        }
    }
}
