import LikenessCore
import LikenessNumerics

/// A 2-D convolution over each example's feature maps, as an unfolding (im2col) and one BLAS sgemm
/// per example: the output planes are W · columns + b, already in the NCHW order of a batch row.
///
/// Parameters: W (`outputChannels × inputChannels·k·k`, row-major, as PyTorch's `Conv2d.weight`
/// flattened) then b (`outputChannels`). Weights start uniform in ±√(6 / fan-in) (He et al. 2015),
/// biases at zero. Gradients: ∂W += ∂Y · columnsᵀ, ∂columns = Wᵀ · ∂Y folded back (col2im).
struct Conv2d: LayerOperation {
    let shape: Convolution
    let output: FeatureMaps

    init(_ shape: Convolution) {
        self.shape = shape
        self.output = shape.output ?? FeatureMaps(channels: 0, height: 0, width: 0)
    }

    var parameterCount: Int { shape.outputChannels * shape.patchLength + shape.outputChannels }

    func initialise(_ parameters: UnsafeMutableBufferPointer<Float>, random: inout SeededRandom) {
        let weights = shape.outputChannels * shape.patchLength
        let bound = (6 / Float(shape.patchLength)).squareRoot()
        for i in 0..<weights { parameters[i] = Float(2 * random.nextUnit() - 1) * bound }
        for i in weights..<parameterCount { parameters[i] = 0 }
    }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        precondition(input.columns == shape.input.count, "a convolution over \(shape.input) got \(input.columns) values")
        let (k, n, outC) = (shape.patchLength, output.plane, shape.outputChannels)
        var out = Matrix(zeros: input.rows, columns: output.count)
        var columns = [Float](repeating: 0, count: k * n)
        let weights = parameters.baseAddress!, bias = weights + outC * k
        input.values.withUnsafeBufferPointer { x in
            out.values.withUnsafeMutableBufferPointer { y in
                columns.withUnsafeMutableBufferPointer { cols in
                    for r in 0..<input.rows {
                        unfold(x.baseAddress! + r * shape.input.count, into: cols.baseAddress!)
                        let target = y.baseAddress! + r * output.count
                        for c in 0..<outC { (target + c * n).update(repeating: bias[c], count: n) }
                        BLAS.multiply(m: outC, n: n, k: k, weights, lda: k, cols.baseAddress!, ldb: n, beta: 1, into: target)
                    }
                }
            }
        }
        return out
    }

    func backward(input: Matrix, output _: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        let (k, n, outC) = (shape.patchLength, output.plane, shape.outputChannels)
        var dx = inputGradient ? Matrix(zeros: input.rows, columns: input.columns) : nil
        var columns = [Float](repeating: 0, count: k * n)
        let weights = parameters.baseAddress!
        let gradWeights = parameterGradient.baseAddress!, gradBias = gradWeights + outC * k
        input.values.withUnsafeBufferPointer { x in
            outputGradient.values.withUnsafeBufferPointer { dy in
                columns.withUnsafeMutableBufferPointer { cols in
                    for r in 0..<input.rows {
                        let gradient = dy.baseAddress! + r * output.count
                        unfold(x.baseAddress! + r * shape.input.count, into: cols.baseAddress!)
                        BLAS.multiply(m: outC, n: k, k: n, gradient, lda: n, cols.baseAddress!, ldb: n, transposingB: true,
                                      beta: 1, into: gradWeights)
                        for c in 0..<outC {
                            var sum: Float = 0
                            for i in 0..<n { sum += gradient[c * n + i] }
                            gradBias[c] += sum
                        }
                        guard dx != nil else { continue }
                        BLAS.multiply(m: k, n: n, k: outC, weights, lda: k, transposingA: true, gradient, ldb: n, into: cols.baseAddress!)
                        dx!.values.withUnsafeMutableBufferPointer { out in fold(cols.baseAddress!, into: out.baseAddress! + r * shape.input.count) }
                    }
                }
            }
        }
        return dx
    }

    /// im2col: row (channel, ky, kx) of `columns` holds, for every output position, the input value
    /// under that kernel tap (0 in the padding). Each output line is one span copy (a strided
    /// gather for stride > 1) between the padding's zeros.
    private func unfold(_ image: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>) {
        let (stride, width) = (shape.stride, output.width)
        forEachLine { row, line, inside in
            let out = columns + row
            out.update(repeating: 0, count: inside.lowerBound)
            if let line {
                let first = line + inside.lowerBound * stride
                if stride == 1 {
                    (out + inside.lowerBound).update(from: image + first, count: inside.count)
                } else {
                    for i in 0..<inside.count { out[inside.lowerBound + i] = image[first + i * stride] }
                }
            } else {
                (out + inside.lowerBound).update(repeating: 0, count: inside.count)
            }
            (out + inside.upperBound).update(repeating: 0, count: width - inside.upperBound)
        }
    }

    /// col2im: adds every entry of `columns` back onto the input value it was taken from.
    private func fold(_ columns: UnsafePointer<Float>, into image: UnsafeMutablePointer<Float>) {
        let stride = shape.stride
        forEachLine { row, line, inside in
            guard let line else { return }
            let (from, to) = (columns + row + inside.lowerBound, image + line + inside.lowerBound * stride)
            if stride == 1 {
                for i in 0..<inside.count { to[i] += from[i] }
            } else {
                for i in 0..<inside.count { to[i * stride] += from[i] }
            }
        }
    }

    /// Calls `body(row, line, inside)` for every output line of every kernel tap of one example's
    /// unfolded matrix: `row` is the index of its first entry in the columns (row (channel, ky,
    /// kx), line oy: `output.width` entries), `inside` the output x whose input x lies in the image,
    /// and `line` the input index that output x = 0 would read (x = −padding + kx, so only the
    /// entries of `inside` are valid through it), or nil when that input line is padding.
    @inline(__always)
    private func forEachLine(_ body: (_ row: Int, _ line: Int?, _ inside: Range<Int>) -> Void) {
        let (h, w, kernel, stride, pad) = (shape.input.height, shape.input.width, shape.kernel, shape.stride, shape.padding)
        let (oh, ow) = (output.height, output.width)
        var row = 0
        for c in 0..<shape.input.channels {
            for ky in 0..<kernel {
                for kx in 0..<kernel {
                    // Output x with 0 ≤ x·stride − pad + kx < w.
                    let offset = kx - pad
                    let low = offset >= 0 ? 0 : (-offset + stride - 1) / stride
                    let last = w - 1 - offset
                    let high = last < 0 ? 0 : min(ow, last / stride + 1)
                    let inside = min(low, ow)..<max(min(low, ow), high)
                    for oy in 0..<oh {
                        let y = oy * stride - pad + ky
                        body(row, y >= 0 && y < h ? (c * h + y) * w + offset : nil, inside)
                        row += ow
                    }
                }
            }
        }
    }
}
