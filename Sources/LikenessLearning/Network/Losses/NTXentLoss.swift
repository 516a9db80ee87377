import Foundation
import LikenessNumerics

/// The normalised temperature-scaled cross-entropy (NT-Xent) of SimCLR (Chen et al. 2020): in a
/// batch of 2N rows, rows i and i + N are two views of one image (the positive pair) and the other
/// 2N − 2 rows are its negatives. Each row is L2-normalised, similarities are cosines divided by
/// the ``temperature``, and the loss is the mean over the 2N rows of −log softmax of the positive.
public struct NTXentLoss: Sendable {
    /// Divides the cosines before the softmax. Default 0.5.
    public var temperature: Float

    public init(temperature: Float = 0.5) {
        self.temperature = temperature
    }

    /// The loss of a batch of 2N codes (rows i and i + N the same image's views), and its gradient
    /// with respect to the codes (through their normalisation).
    public func evaluate(_ codes: Matrix) -> LossGradient {
        precondition(codes.rows >= 2 && codes.rows % 2 == 0, "NT-Xent needs an even number of rows, two views per image")
        let (rows, width, half) = (codes.rows, codes.columns, codes.rows / 2)
        let normalised = codes.normalisedRows()
        // s = z · zᵀ / τ.
        var similarity = [Float](repeating: 0, count: rows * rows)
        normalised.values.withUnsafeBufferPointer { z in
            similarity.withUnsafeMutableBufferPointer { s in
                BLAS.multiply(m: rows, n: rows, k: width, alpha: 1 / temperature, z.baseAddress!, lda: width,
                              z.baseAddress!, ldb: width, transposingB: true, into: s.baseAddress!)
            }
        }
        // Softmax over k ≠ i of each row; ∂loss/∂s_ik = (P_ik − [k = positive(i)]) / 2N.
        var total = 0.0
        var weights = [Float](repeating: 0, count: rows * rows)
        for i in 0..<rows {
            let positive = (i + half) % rows
            var largest = -Float.infinity
            for k in 0..<rows where k != i { largest = max(largest, similarity[i * rows + k]) }
            var sum: Double = 0
            for k in 0..<rows where k != i { sum += exp(Double(similarity[i * rows + k] - largest)) }
            total += -(Double(similarity[i * rows + positive] - largest) - log(sum))
            for k in 0..<rows where k != i {
                let p = Float(exp(Double(similarity[i * rows + k] - largest)) / sum)
                weights[i * rows + k] = (p - (k == positive ? 1 : 0)) / Float(rows)
            }
        }
        // ∂loss/∂z = (W + Wᵀ) · z / τ.
        var symmetric = weights
        for i in 0..<rows { for k in 0..<rows { symmetric[i * rows + k] = weights[i * rows + k] + weights[k * rows + i] } }
        var dz = Matrix(zeros: rows, columns: width)
        symmetric.withUnsafeBufferPointer { w in
            normalised.values.withUnsafeBufferPointer { z in
                dz.values.withUnsafeMutableBufferPointer { out in
                    BLAS.multiply(m: rows, n: width, k: rows, alpha: 1 / temperature, w.baseAddress!, lda: rows,
                                  z.baseAddress!, ldb: width, into: out.baseAddress!)
                }
            }
        }
        // Through z = c / |c|: ∂c = (∂z − z (z · ∂z)) / |c|.
        var gradient = Matrix(zeros: rows, columns: width)
        for r in 0..<rows {
            var norm: Float = 0, dot: Float = 0
            for c in 0..<width {
                norm += codes.values[r * width + c] * codes.values[r * width + c]
                dot += normalised.values[r * width + c] * dz.values[r * width + c]
            }
            norm = norm.squareRoot()
            guard norm > 0 else { continue }
            for c in 0..<width {
                gradient.values[r * width + c] = (dz.values[r * width + c] - normalised.values[r * width + c] * dot) / norm
            }
        }
        return LossGradient(value: total / Double(rows), gradient: gradient, activeTerms: rows)
    }
}
