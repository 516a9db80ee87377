import LikenessNumerics

/// The triplet loss on squared Euclidean distances (Schroff, Kalenichenko and Philbin 2015):
/// for each triplet, max(0, ‖a − p‖² − ‖a − n‖² + margin), averaged over the triplets.
///
/// On unit-length embeddings squared distances lie in [0, 4], so margins of 1 to 1.5 ask for a
/// clear gap without being out of reach. The margin may change between epochs (``MarginSchedule``).
public struct TripletLoss: Sendable {
    public var margin: Float

    public init(margin: Float) {
        self.margin = margin
    }

    /// The loss of `triplets` over the rows of `embeddings`, and its gradient.
    public func evaluate(_ embeddings: Matrix, triplets: [Triplet]) -> LossGradient {
        let width = embeddings.columns
        var gradient = Matrix(zeros: embeddings.rows, columns: width)
        guard !triplets.isEmpty else { return LossGradient(value: 0, gradient: gradient, activeTerms: 0) }
        var total = 0.0, active = 0
        let scale = 2 / Float(triplets.count)
        embeddings.values.withUnsafeBufferPointer { e in
            gradient.values.withUnsafeMutableBufferPointer { g in
                for t in triplets {
                    let a = e.baseAddress! + t.anchor * width, p = e.baseAddress! + t.positive * width, n = e.baseAddress! + t.negative * width
                    var positive: Float = 0, negative: Float = 0
                    for c in 0..<width {
                        let dp = a[c] - p[c], dn = a[c] - n[c]
                        positive += dp * dp
                        negative += dn * dn
                    }
                    let loss = positive - negative + margin
                    guard loss > 0 else { continue }
                    total += Double(loss)
                    active += 1
                    // ∂/∂a = 2(n − p), ∂/∂p = −2(a − p), ∂/∂n = 2(a − n), each over the triplet count.
                    let ga = g.baseAddress! + t.anchor * width, gp = g.baseAddress! + t.positive * width, gn = g.baseAddress! + t.negative * width
                    for c in 0..<width {
                        ga[c] += scale * (n[c] - p[c])
                        gp[c] -= scale * (a[c] - p[c])
                        gn[c] += scale * (a[c] - n[c])
                    }
                }
            }
        }
        return LossGradient(value: total / Double(triplets.count), gradient: gradient, activeTerms: active)
    }
}
