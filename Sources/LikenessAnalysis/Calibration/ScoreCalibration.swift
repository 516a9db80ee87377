import LikenessCore
/// Threshold calibration from scored, labelled pairs, where a higher score means more alike (for
/// distances, pass the negated distance).
public struct ScoreCalibration: Sendable, Codable, Equatable {
    public var positives: Int
    public var negatives: Int
    /// Area under the ROC curve (probability a random positive outscores a random negative; ties count half).
    public var rocAUC: Double
    /// Average precision (area under the PR curve, step-wise as scikit-learn computes it).
    public var averagePrecision: Double
    /// Equal error rate: where the false-positive rate meets the false-negative rate.
    public var equalErrorRate: Double
    public var bestF1: OperatingPoint
    /// Maximises recall − false-positive rate.
    public var youden: OperatingPoint
    /// The threshold between the two score modes by Otsu's method over all scores.
    public var valley: OperatingPoint
    /// Every distinct threshold, highest first (for ROC and PR plots).
    public var curve: [OperatingPoint]

    /// Calibrates from scores and labels (true = same).
    public init(scores: [Double], labels: [Bool]) {
        precondition(scores.count == labels.count && !scores.isEmpty, "need one label per score")
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        let p = labels.filter { $0 }.count, n = labels.count - p
        positives = p
        negatives = n
        var points: [OperatingPoint] = []
        var tp = 0, fp = 0
        var index = 0
        while index < order.count {
            let threshold = scores[order[index]]
            while index < order.count && scores[order[index]] == threshold {
                if labels[order[index]] { tp += 1 } else { fp += 1 }
                index += 1
            }
            points.append(Self.point(threshold: threshold, tp: tp, fp: fp, p: p, n: n))
        }
        curve = points
        // ROC AUC by the trapezoid over the step curve (equals the Mann–Whitney statistic with ties as half).
        var auc = 0.0, previousFPR = 0.0, previousTPR = 0.0
        for point in points {
            auc += (point.fpr - previousFPR) * (point.recall + previousTPR) / 2
            (previousFPR, previousTPR) = (point.fpr, point.recall)
        }
        rocAUC = n > 0 && p > 0 ? auc : 0
        // Average precision: Σ (R_i − R_{i−1}) · P_i.
        var ap = 0.0, previousRecall = 0.0
        for point in points {
            ap += (point.recall - previousRecall) * point.precision
            previousRecall = point.recall
        }
        averagePrecision = ap
        // EER: the point where FPR and FNR are closest, averaged there.
        let eerPoint = points.min { abs($0.fpr - (1 - $0.recall)) < abs($1.fpr - (1 - $1.recall)) }!
        equalErrorRate = (eerPoint.fpr + (1 - eerPoint.recall)) / 2
        bestF1 = points.max { ($0.f1, -$0.threshold) < ($1.f1, -$1.threshold) }!
        youden = points.max { ($0.recall - $0.fpr) < ($1.recall - $1.fpr) }!
        let otsu = Self.otsu(scores)
        valley = Self.point(threshold: otsu, tp: zip(scores, labels).filter { $0.0 >= otsu && $0.1 }.count,
                            fp: zip(scores, labels).filter { $0.0 >= otsu && !$0.1 }.count, p: p, n: n)
    }

    /// The operating point with the highest threshold that still reaches `recall`.
    public func threshold(forRecall recall: Double) -> OperatingPoint? { curve.first { $0.recall >= recall } }

    /// The operating point with the lowest threshold whose precision is still at least `precision`.
    public func threshold(forPrecision precision: Double) -> OperatingPoint? { curve.last { $0.precision >= precision } }

    /// Pairs with score ≥ `threshold` called the same: `tp` of `p` same pairs, `fp` of `n` different ones.
    static func point(threshold: Double, tp: Int, fp: Int, p: Int, n: Int) -> OperatingPoint {
        OperatingPoint(threshold: threshold, truePositives: tp, falsePositives: fp, positives: p, negatives: n)
    }

    /// Otsu's threshold over a 256-bin histogram of the scores: the split maximising between-class variance.
    static func otsu(_ scores: [Double]) -> Double {
        let low = scores.min()!, high = scores.max()!
        guard high > low else { return low }
        let bins = 256
        var histogram = [Double](repeating: 0, count: bins)
        for s in scores { histogram[min(bins - 1, Int((s - low) / (high - low) * Double(bins)))] += 1 }
        let total = Double(scores.count)
        let sumAll = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset) * $1.element }
        var weightBelow = 0.0, sumBelow = 0.0, best = 0.0, firstBest = 0, lastBest = 0
        for bin in 0..<bins {
            weightBelow += histogram[bin]
            sumBelow += Double(bin) * histogram[bin]
            guard weightBelow > 0, weightBelow < total else { continue }
            let meanBelow = sumBelow / weightBelow, meanAbove = (sumAll - sumBelow) / (total - weightBelow)
            let between = weightBelow * (total - weightBelow) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if between > best * (1 + 1e-12) {
                best = between
                (firstBest, lastBest) = (bin, bin)
            } else if abs(between - best) <= best * 1e-12 && lastBest == bin - 1 {
                lastBest = bin // an empty gap keeps the same split: take the middle of the plateau
            }
        }
        return low + (high - low) * (Double(firstBest + lastBest) / 2 + 1) / Double(bins)
    }
}
