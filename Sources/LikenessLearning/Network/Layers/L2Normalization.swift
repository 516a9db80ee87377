import LikenessCore
import LikenessNumerics

/// Scales each row to unit Euclidean length, so the network's outputs compare by cosine and their
/// squared distances lie in [0, 4]. A row shorter than ``floor`` is divided by the floor instead.
struct L2Normalization: LayerOperation {
    /// The smallest norm divided by (a zero row stays zero). 1e-12.
    let floor: Float = 1e-12

    private func norm(_ row: UnsafePointer<Float>, _ width: Int) -> Float {
        var sum: Float = 0
        for c in 0..<width { sum += row[c] * row[c] }
        return max(sum.squareRoot(), floor)
    }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix {
        var out = input
        let width = input.columns
        input.values.withUnsafeBufferPointer { x in
            for r in 0..<input.rows {
                let scale = 1 / norm(x.baseAddress! + r * width, width)
                for c in 0..<width { out.values[r * width + c] *= scale }
            }
        }
        return out
    }

    func backward(input: Matrix, output: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        guard inputGradient else { return nil }
        let width = input.columns
        var dx = outputGradient
        input.values.withUnsafeBufferPointer { x in
            for r in 0..<input.rows {
                let length = norm(x.baseAddress! + r * width, width)
                var projection: Float = 0
                for c in 0..<width { projection += output[r, c] * outputGradient[r, c] }
                // ∂x = (dy − y (y · dy)) / ‖x‖.
                for c in 0..<width { dx[r, c] = (outputGradient[r, c] - output[r, c] * projection) / length }
            }
        }
        return dx
    }
}
