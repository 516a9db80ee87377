import LikenessNumerics

/// Max pooling over non-overlapping square windows of each plane. The gradient goes to the first
/// largest value of each window (as PyTorch's `MaxPool2d`), found again from the input.
struct MaxPool: LayerOperation {
    let window: Window
    let output: FeatureMaps

    init(_ window: Window) {
        self.window = window
        self.output = window.pooled ?? FeatureMaps(channels: 0, height: 0, width: 0)
    }

    /// Calls `body(inputIndex, outputIndex)` with each window's winner, for one example.
    private func winners(_ x: UnsafePointer<Float>, _ body: (Int, Int) -> Void) {
        let (w, s) = (window.input.width, window.size)
        for c in 0..<output.channels {
            let plane = c * window.input.plane
            for oy in 0..<output.height {
                for ox in 0..<output.width {
                    var best = plane + oy * s * w + ox * s
                    for dy in 0..<s {
                        for dx in 0..<s {
                            let i = plane + (oy * s + dy) * w + ox * s + dx
                            if x[i] > x[best] { best = i }
                        }
                    }
                    body(best, (c * output.height + oy) * output.width + ox)
                }
            }
        }
    }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        precondition(input.columns == window.input.count, "a pooling over \(window.input) got \(input.columns) values")
        var out = Matrix(zeros: input.rows, columns: output.count)
        input.values.withUnsafeBufferPointer { x in
            out.values.withUnsafeMutableBufferPointer { y in
                for r in 0..<input.rows {
                    let (source, target) = (x.baseAddress! + r * input.columns, y.baseAddress! + r * output.count)
                    winners(source) { i, o in target[o] = source[i] }
                }
            }
        }
        return out
    }

    func backward(input: Matrix, output _: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        guard inputGradient else { return nil }
        var dx = Matrix(zeros: input.rows, columns: input.columns)
        input.values.withUnsafeBufferPointer { x in
            outputGradient.values.withUnsafeBufferPointer { dy in
                dx.values.withUnsafeMutableBufferPointer { out in
                    for r in 0..<input.rows {
                        let (gradient, target) = (dy.baseAddress! + r * output.count, out.baseAddress! + r * input.columns)
                        winners(x.baseAddress! + r * input.columns) { i, o in target[i] += gradient[o] }
                    }
                }
            }
        }
        return dx
    }
}
