import LikenessNumerics

/// Nearest-neighbour upsampling: each value repeated over a `size × size` block (PyTorch's
/// `Upsample(scale_factor: size, mode: "nearest")`). Followed by a convolution, it is the decoder's
/// alternative to a transposed convolution, without its checkerboard artefacts. The gradient of a
/// value is the sum over its block.
struct Upsample: LayerOperation {
    let window: Window
    let output: FeatureMaps

    init(_ window: Window) {
        self.window = window
        self.output = window.upsampled ?? FeatureMaps(channels: 0, height: 0, width: 0)
    }

    /// Calls `body(inputIndex, outputIndex)` for every output value of one example.
    private func pairs(_ body: (Int, Int) -> Void) {
        let (h, w, s) = (window.input.height, window.input.width, window.size)
        for c in 0..<window.input.channels {
            for y in 0..<(h * s) {
                for x in 0..<(w * s) { body((c * h + y / s) * w + x / s, (c * h * s + y) * w * s + x) }
            }
        }
    }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        precondition(input.columns == window.input.count, "an upsampling of \(window.input) got \(input.columns) values")
        var out = Matrix(zeros: input.rows, columns: output.count)
        input.values.withUnsafeBufferPointer { x in
            out.values.withUnsafeMutableBufferPointer { y in
                for r in 0..<input.rows {
                    let (source, target) = (x.baseAddress! + r * input.columns, y.baseAddress! + r * output.count)
                    pairs { i, o in target[o] = source[i] }
                }
            }
        }
        return out
    }

    func backward(input: Matrix, output _: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        guard inputGradient else { return nil }
        var dx = Matrix(zeros: input.rows, columns: input.columns)
        outputGradient.values.withUnsafeBufferPointer { dy in
            dx.values.withUnsafeMutableBufferPointer { out in
                for r in 0..<input.rows {
                    let (gradient, target) = (dy.baseAddress! + r * output.count, out.baseAddress! + r * input.columns)
                    pairs { i, o in target[i] += gradient[o] }
                }
            }
        }
        return dx
    }
}
