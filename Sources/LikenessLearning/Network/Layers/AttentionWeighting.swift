import Foundation
import LikenessCore
import LikenessNumerics

/// An attention weighting over a row's own dimensions (the seed's Siamese network weighs its
/// embedding this way): scores z = x · Wᵀ + b, weights a = width · softmax(z) (so they average 1),
/// output y = x ⊙ a. Each dimension is scaled by how much the whole row says it matters.
///
/// Parameters: those of a square ``Dense`` layer (W, then b), all starting at zero, so the layer
/// starts as the identity (every weight 1) and learns away from it.
struct AttentionWeighting: LayerOperation {
    let width: Int

    private var scores: Dense { Dense(inputs: width, outputs: width) }

    var parameterCount: Int { scores.parameterCount }

    func initialise(_ parameters: UnsafeMutableBufferPointer<Float>, random: inout SeededRandom) {
        for i in 0..<parameterCount { parameters[i] = 0 }
    }

    /// width · softmax of each row of the scores, in place.
    private func weights(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        var weights = scores.forward(input, parameters: parameters)
        let scale = Float(width)
        weights.values.withUnsafeMutableBufferPointer { z in
            for r in 0..<input.rows {
                let row = z.baseAddress! + r * width
                var largest = -Float.infinity
                for c in 0..<width { largest = max(largest, row[c]) }
                var sum: Float = 0
                for c in 0..<width { row[c] = expf(row[c] - largest); sum += row[c] }
                for c in 0..<width { row[c] *= scale / sum }
            }
        }
        return weights
    }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        precondition(input.columns == width, "an attention weighting of width \(width) got \(input.columns)")
        var out = weights(input, parameters: parameters)
        for i in out.values.indices { out.values[i] *= input.values[i] }
        return out
    }

    func backward(input: Matrix, output: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        let a = weights(input, parameters: parameters)
        // ∂a = dy ⊙ x; with s = a / width, ∂z = s ⊙ (width·∂a − s · width·∂a) = a ⊙ (∂a − (a · ∂a) / width).
        var dz = Matrix(zeros: input.rows, columns: width)
        for r in 0..<input.rows {
            var dot: Float = 0
            for c in 0..<width { dot += a[r, c] * outputGradient[r, c] * input[r, c] }
            let mean = dot / Float(width)
            for c in 0..<width { dz.values[r * width + c] = a[r, c] * (outputGradient[r, c] * input[r, c] - mean) }
        }
        let throughScores = scores.backward(input: input, output: a, outputGradient: dz, parameters: parameters,
                                            parameterGradient: parameterGradient, inputGradient: inputGradient)
        guard var dx = throughScores else { return nil }
        // The direct path: ∂x += dy ⊙ a.
        for i in dx.values.indices { dx.values[i] += outputGradient.values[i] * a.values[i] }
        return dx
    }
}
