import LikenessCore
import LikenessNumerics

/// Layer normalisation (Ba, Kiros and Hinton 2016): each row is centred and scaled to unit
/// variance over its own values, then multiplied by a learned gain and shifted by a learned bias.
///
/// Parameters: the gain (`width`, starting at 1) then the bias (`width`, starting at 0). The
/// variance is the population variance plus ``epsilon``, as in PyTorch's `LayerNorm`.
struct LayerNorm: LayerOperation {
    let width: Int
    /// Added to the variance before its square root. 1e-5.
    let epsilon: Float = 1e-5

    var parameterCount: Int { 2 * width }

    func initialise(_ parameters: UnsafeMutableBufferPointer<Float>, random: inout SeededRandom) {
        for i in 0..<width { parameters[i] = 1 }
        for i in width..<(2 * width) { parameters[i] = 0 }
    }

    /// The mean and 1/√(variance + ε) of a row.
    private func moments(_ row: UnsafePointer<Float>) -> (mean: Float, inverseDeviation: Float) {
        var sum: Float = 0
        for c in 0..<width { sum += row[c] }
        let mean = sum / Float(width)
        var squares: Float = 0
        for c in 0..<width { let d = row[c] - mean; squares += d * d }
        return (mean, 1 / (squares / Float(width) + epsilon).squareRoot())
    }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        precondition(input.columns == width, "a layer norm of width \(width) got \(input.columns)")
        var out = input
        let gain = parameters.baseAddress!, bias = gain + width
        input.values.withUnsafeBufferPointer { x in
            out.values.withUnsafeMutableBufferPointer { y in
                for r in 0..<input.rows {
                    let row = x.baseAddress! + r * width, target = y.baseAddress! + r * width
                    let (mean, inverse) = moments(row)
                    for c in 0..<width { target[c] = (row[c] - mean) * inverse * gain[c] + bias[c] }
                }
            }
        }
        return out
    }

    func backward(input: Matrix, output: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        let gain = parameters.baseAddress!
        let gradGain = parameterGradient.baseAddress!, gradBias = gradGain + width
        var dx = inputGradient ? Matrix(zeros: input.rows, columns: width) : Matrix(zeros: 0, columns: width)
        var normalised = [Float](repeating: 0, count: width), scaled = [Float](repeating: 0, count: width)
        input.values.withUnsafeBufferPointer { x in
            outputGradient.values.withUnsafeBufferPointer { dy in
                for r in 0..<input.rows {
                    let row = x.baseAddress! + r * width, grad = dy.baseAddress! + r * width
                    let (mean, inverse) = moments(row)
                    var meanScaled: Float = 0, meanProduct: Float = 0
                    for c in 0..<width {
                        normalised[c] = (row[c] - mean) * inverse
                        gradGain[c] += grad[c] * normalised[c]
                        gradBias[c] += grad[c]
                        scaled[c] = grad[c] * gain[c]
                        meanScaled += scaled[c]
                        meanProduct += scaled[c] * normalised[c]
                    }
                    guard inputGradient else { continue }
                    meanScaled /= Float(width)
                    meanProduct /= Float(width)
                    // ∂x = (1/σ)(ĝ − mean(ĝ) − x̂ · mean(ĝ x̂)) where ĝ = dy ⊙ gain.
                    for c in 0..<width { dx[r, c] = inverse * (scaled[c] - meanScaled - normalised[c] * meanProduct) }
                }
            }
        }
        return inputGradient ? dx : nil
    }
}
