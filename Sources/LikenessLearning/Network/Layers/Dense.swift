import LikenessCore
import LikenessNumerics

/// A fully connected layer y = x · Wᵀ + b on BLAS sgemm.
///
/// Its parameters are W (`outputs × inputs`, row-major: row o holds output o's weights) followed
/// by b (`outputs`). Weights start uniform in ±√(6 / inputs) (He et al. 2015, for ReLU networks),
/// biases at zero.
struct Dense: LayerOperation {
    let inputs: Int
    let outputs: Int

    var parameterCount: Int { outputs * inputs + outputs }

    func initialise(_ parameters: UnsafeMutableBufferPointer<Float>, random: inout SeededRandom) {
        let bound = (6 / Float(inputs)).squareRoot()
        for i in 0..<(outputs * inputs) { parameters[i] = Float(2 * random.nextUnit() - 1) * bound }
        for i in (outputs * inputs)..<parameterCount { parameters[i] = 0 }
    }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        precondition(input.columns == inputs, "a dense layer of \(inputs) inputs got \(input.columns)")
        let weights = parameters.baseAddress!, bias = weights + outputs * inputs
        var out = Matrix(zeros: input.rows, columns: outputs)
        out.values.withUnsafeMutableBufferPointer { y in
            for r in 0..<input.rows { (y.baseAddress! + r * outputs).update(from: bias, count: outputs) }
            input.values.withUnsafeBufferPointer { x in
                BLAS.multiply(m: input.rows, n: outputs, k: inputs, x.baseAddress!, lda: inputs,
                              weights, ldb: inputs, transposingB: true, beta: 1, into: y.baseAddress!)
            }
        }
        return out
    }

    func backward(input: Matrix, output: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        let batch = input.rows
        let gradWeights = parameterGradient.baseAddress!, gradBias = gradWeights + outputs * inputs
        outputGradient.values.withUnsafeBufferPointer { dy in
            // ∂W += dyᵀ · x (outputs × inputs); ∂b += the column sums of dy.
            input.values.withUnsafeBufferPointer { x in
                BLAS.multiply(m: outputs, n: inputs, k: batch, dy.baseAddress!, lda: outputs, transposingA: true,
                              x.baseAddress!, ldb: inputs, beta: 1, into: gradWeights)
            }
            for r in 0..<batch {
                let row = dy.baseAddress! + r * outputs
                for o in 0..<outputs { gradBias[o] += row[o] }
            }
        }
        guard inputGradient else { return nil }
        // ∂x = dy · W (batch × inputs).
        var dx = Matrix(zeros: batch, columns: inputs)
        outputGradient.values.withUnsafeBufferPointer { dy in
            dx.values.withUnsafeMutableBufferPointer { out in
                BLAS.multiply(m: batch, n: inputs, k: outputs, dy.baseAddress!, lda: outputs,
                              parameters.baseAddress!, ldb: inputs, into: out.baseAddress!)
            }
        }
        return dx
    }
}
