import LikenessNumerics

/// The contrastive loss (Hadsell, Chopra and LeCun 2006): d² for a pair of one class and
/// max(0, margin − d)² for a pair of two, d the Euclidean distance, averaged over the pairs.
public struct ContrastiveLoss: Sendable {
    /// Two positions in one batch and whether they share a class.
    public struct Pair: Sendable, Equatable, Hashable {
        public var first: Int
        public var second: Int
        public var same: Bool

        public init(_ first: Int, _ second: Int, same: Bool) {
            self.first = first
            self.second = second
            self.same = same
        }
    }

    /// The distance beyond which a different-class pair costs nothing.
    public var margin: Float

    public init(margin: Float) {
        self.margin = margin
    }

    /// The loss of `pairs` over the rows of `embeddings`, and its gradient.
    public func evaluate(_ embeddings: Matrix, pairs: [Pair]) -> LossGradient {
        let width = embeddings.columns
        var gradient = Matrix(zeros: embeddings.rows, columns: width)
        guard !pairs.isEmpty else { return LossGradient(value: 0, gradient: gradient, activeTerms: 0) }
        var total = 0.0, active = 0
        let count = Float(pairs.count)
        embeddings.values.withUnsafeBufferPointer { e in
            gradient.values.withUnsafeMutableBufferPointer { g in
                for pair in pairs {
                    let x = e.baseAddress! + pair.first * width, y = e.baseAddress! + pair.second * width
                    var squared: Float = 0
                    for c in 0..<width { let d = x[c] - y[c]; squared += d * d }
                    // ∂loss/∂x = factor · (x − y), and the opposite for y.
                    let factor: Float
                    if pair.same {
                        guard squared > 0 else { continue }
                        total += Double(squared)
                        factor = 2 / count
                    } else {
                        let distance = squared.squareRoot()
                        guard distance < margin, distance > 0 else { continue }
                        total += Double((margin - distance) * (margin - distance))
                        factor = -2 * (margin - distance) / distance / count
                    }
                    active += 1
                    let gx = g.baseAddress! + pair.first * width, gy = g.baseAddress! + pair.second * width
                    for c in 0..<width {
                        let step = factor * (x[c] - y[c])
                        gx[c] += step
                        gy[c] -= step
                    }
                }
            }
        }
        return LossGradient(value: total / Double(pairs.count), gradient: gradient, activeTerms: active)
    }
}
