import LikenessNumerics

/// The Siamese scorer's fusion of two embeddings into three similarity features per pair: cosine
/// similarity, Euclidean distance and dot product (in that column order).
///
/// Not a ``Layer``: it takes two inputs (row i of `first` with row i of `second`) and has no
/// parameters; the dense layer that weighs the three features comes after it.
public enum PairFusion {
    /// Features per pair.
    public static let width = 3

    /// The n × 3 features of n pairs of rows.
    public static func forward(_ first: Matrix, _ second: Matrix) -> Matrix {
        precondition(first.rows == second.rows && first.columns == second.columns, "pairs of rows of one width")
        var out = Matrix(zeros: first.rows, columns: width)
        for r in 0..<first.rows {
            let terms = Terms(first, second, row: r)
            out.values[r * width] = terms.cosine
            out.values[r * width + 1] = terms.distance
            out.values[r * width + 2] = terms.dot
        }
        return out
    }

    /// ∂loss/∂first and ∂loss/∂second, given ∂loss/∂features (n × 3). Where a row is all zeros the
    /// cosine's gradient is taken as zero, and where the two rows are equal so is the distance's.
    public static func backward(_ first: Matrix, _ second: Matrix, outputGradient: Matrix) -> (first: Matrix, second: Matrix) {
        precondition(outputGradient.rows == first.rows && outputGradient.columns == width, "one gradient row of 3 per pair")
        let columns = first.columns
        var ga = Matrix(zeros: first.rows, columns: columns), gb = Matrix(zeros: first.rows, columns: columns)
        for r in 0..<first.rows {
            let t = Terms(first, second, row: r)
            let (gCos, gDistance, gDot) = (outputGradient.values[r * width], outputGradient.values[r * width + 1], outputGradient.values[r * width + 2])
            let normProduct = t.normA * t.normB
            for c in 0..<columns {
                let a = first.values[r * columns + c], b = second.values[r * columns + c]
                var da = gDot * b, db = gDot * a
                if normProduct > 0 {
                    da += gCos * (b / normProduct - t.cosine * a / (t.normA * t.normA))
                    db += gCos * (a / normProduct - t.cosine * b / (t.normB * t.normB))
                }
                if t.distance > 0 {
                    da += gDistance * (a - b) / t.distance
                    db -= gDistance * (a - b) / t.distance
                }
                ga.values[r * columns + c] = da
                gb.values[r * columns + c] = db
            }
        }
        return (ga, gb)
    }

    /// The sums one pair's features and their gradients are made of.
    private struct Terms {
        var dot: Float = 0, normA: Float = 0, normB: Float = 0, distance: Float = 0, cosine: Float = 0

        init(_ first: Matrix, _ second: Matrix, row r: Int) {
            let columns = first.columns
            var aa: Float = 0, bb: Float = 0, squared: Float = 0
            for c in 0..<columns {
                let a = first.values[r * columns + c], b = second.values[r * columns + c]
                dot += a * b
                aa += a * a
                bb += b * b
                squared += (a - b) * (a - b)
            }
            normA = aa.squareRoot()
            normB = bb.squareRoot()
            distance = squared.squareRoot()
            cosine = normA > 0 && normB > 0 ? dot / (normA * normB) : 0
        }
    }
}
