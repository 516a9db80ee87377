import LikenessCore
import LikenessNumerics

/// Batch normalisation (Ioffe and Szegedy 2015) per channel: in training each channel is centred
/// and scaled by its mean and variance over the batch and the plane, then multiplied by a learned
/// gain and shifted by a learned bias; at inference the population mean and variance are used.
///
/// Parameters: the gain (`channels`, starting at 1), the bias (`channels`, at 0), then the
/// population mean (at 0) and variance (at 1). No gradient reaches the population statistics
/// (theirs is always 0); ``Network/recalibrate(_:)`` sets them from training data after training.
/// A `plane` of 1 normalises the features of a dense layer (PyTorch's `BatchNorm1d`).
struct BatchNorm: LayerOperation {
    let channels: Int
    let plane: Int
    /// Added to the variance before its square root. 1e-5, as PyTorch.
    let epsilon: Float = 1e-5

    var parameterCount: Int { 4 * channels }

    func initialise(_ parameters: UnsafeMutableBufferPointer<Float>, random: inout SeededRandom) {
        for c in 0..<channels {
            parameters[c] = 1
            parameters[channels + c] = 0
            parameters[2 * channels + c] = 0
            parameters[3 * channels + c] = 1
        }
    }

    /// Each channel's mean and (population) variance over the batch and the plane.
    func moments(_ input: Matrix) -> (mean: [Float], variance: [Float]) {
        var mean = [Double](repeating: 0, count: channels), squares = [Double](repeating: 0, count: channels)
        input.values.withUnsafeBufferPointer { x in
            for r in 0..<input.rows {
                for c in 0..<channels {
                    let start = x.baseAddress! + r * input.columns + c * plane
                    var sum: Float = 0, square: Float = 0
                    for i in 0..<plane { sum += start[i]; square += start[i] * start[i] }
                    mean[c] += Double(sum)
                    squares[c] += Double(square)
                }
            }
        }
        let n = Double(input.rows * plane)
        return (mean.map { Float($0 / n) }, zip(mean, squares).map { m, s in Float(max(0, s / n - (m / n) * (m / n))) })
    }

    /// y = gain · (x − mean) / √(variance + ε) + bias, channel by channel.
    private func normalise(_ input: Matrix, mean: [Float], variance: [Float], parameters: UnsafeBufferPointer<Float>) -> Matrix {
        precondition(input.columns == channels * plane, "a batch norm of \(channels)×\(plane) got \(input.columns) values")
        var out = input
        out.values.withUnsafeMutableBufferPointer { y in
            for c in 0..<channels {
                let scale = parameters[c] / (variance[c] + epsilon).squareRoot()
                let shift = parameters[channels + c] - mean[c] * scale
                for r in 0..<input.rows {
                    let start = y.baseAddress! + r * input.columns + c * plane
                    for i in 0..<plane { start[i] = start[i] * scale + shift }
                }
            }
        }
        return out
    }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        let (mean, variance) = moments(input)
        return normalise(input, mean: mean, variance: variance, parameters: parameters)
    }

    func infer(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        normalise(input, mean: Array(parameters[(2 * channels)..<(3 * channels)]),
                  variance: Array(parameters[(3 * channels)..<(4 * channels)]), parameters: parameters)
    }

    func backward(input: Matrix, output _: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        let (mean, variance) = moments(input)
        let n = Float(input.rows * plane)
        var dx = inputGradient ? Matrix(zeros: input.rows, columns: input.columns) : nil
        input.values.withUnsafeBufferPointer { x in
            outputGradient.values.withUnsafeBufferPointer { dy in
                for c in 0..<channels {
                    let inverse = 1 / (variance[c] + epsilon).squareRoot()
                    // Σ dy and Σ dy · x̂ over the channel give ∂bias and ∂gain, and the two means of the input gradient.
                    var sum: Float = 0, dot: Float = 0
                    for r in 0..<input.rows {
                        let offset = r * input.columns + c * plane
                        for i in 0..<plane {
                            sum += dy[offset + i]
                            dot += dy[offset + i] * (x[offset + i] - mean[c]) * inverse
                        }
                    }
                    parameterGradient[c] += dot
                    parameterGradient[channels + c] += sum
                    guard dx != nil else { continue }
                    // ∂x = gain · inverse · (dy − mean(dy) − x̂ · mean(dy · x̂)).
                    let (gain, meanSum, meanDot) = (parameters[c], sum / n, dot / n)
                    dx!.values.withUnsafeMutableBufferPointer { out in
                        for r in 0..<input.rows {
                            let offset = r * input.columns + c * plane
                            for i in 0..<plane {
                                let normalised = (x[offset + i] - mean[c]) * inverse
                                out[offset + i] = gain * inverse * (dy[offset + i] - meanSum - normalised * meanDot)
                            }
                        }
                    }
                }
            }
        }
        return dx
    }
}
