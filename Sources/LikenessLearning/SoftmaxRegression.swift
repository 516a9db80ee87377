import Foundation

/// A multinomial logistic-regression (softmax) classifier: one linear score per class, turned into
/// class probabilities by the softmax.
///
/// For an input x the score of class c is `w_c · x + b_c`, and
/// `P(c | x) = exp(score_c) / Σ_k exp(score_k)`. The prediction is the class with the largest score
/// (the lowest class index on ties). Train one with ``SoftmaxTrainer``.
public struct SoftmaxRegression: Sendable, Codable, Equatable {
    /// Number of classes; labels are 0..<classes.
    public let classes: Int
    /// Length of every input vector.
    public let dimension: Int
    /// `classes × dimension` weights, row-major: row c holds class c's weights.
    public internal(set) var weights: [Float]
    /// One bias per class.
    public internal(set) var bias: [Float]

    /// A classifier with all weights and biases zero (every class equally likely).
    public init(classes: Int, dimension: Int) {
        precondition(classes >= 1 && dimension >= 1, "a classifier needs at least one class and one dimension")
        self.classes = classes
        self.dimension = dimension
        weights = [Float](repeating: 0, count: classes * dimension)
        bias = [Float](repeating: 0, count: classes)
    }

    /// The score `w_c · x + b_c` of every class.
    public func scores(_ x: [Float]) -> [Float] {
        precondition(x.count == dimension, "input has \(x.count) values, the classifier \(dimension)")
        var out = bias
        weights.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { v in
                for c in 0..<classes { out[c] += VectorKernels.dot(w.baseAddress! + c * dimension, v.baseAddress!, dimension) }
            }
        }
        return out
    }

    /// Class probabilities (softmax of the scores); they sum to 1.
    public func probabilities(_ x: [Float]) -> [Float] {
        var p = scores(x)
        VectorKernels.softmaxInPlace(&p)
        return p
    }

    /// The class with the largest score; the lowest index on ties.
    public func predict(_ x: [Float]) -> Int {
        VectorKernels.argmax(scores(x))
    }

    /// Share of `rows` whose predicted class equals the label (0 for no rows).
    public func accuracy(_ rows: [[Float]], labels: [Int]) -> Double {
        precondition(rows.count == labels.count, "\(rows.count) rows but \(labels.count) labels")
        guard !rows.isEmpty else { return 0 }
        let correct = zip(rows, labels).filter { predict($0.0) == $0.1 }.count
        return Double(correct) / Double(rows.count)
    }

    /// Mean cross-entropy `−log P(label | x)` over `rows`, without the regularisation term.
    public func crossEntropy(_ rows: [[Float]], labels: [Int]) -> Double {
        precondition(rows.count == labels.count && !rows.isEmpty, "cross-entropy needs as many labels as rows, at least one")
        var total = 0.0
        for (row, label) in zip(rows, labels) {
            let s = scores(row)
            total += Double(VectorKernels.logSumExp(s) - s[label])
        }
        return total / Double(rows.count)
    }
}
