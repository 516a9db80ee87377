import LikenessCore

/// Counts of integer distances (0...maximum) for positive and negative pairs, and the F1-max
/// threshold over them. A pair counts as "same" when its distance is ≤ the threshold.
public struct DistanceHistogram: Sendable, Equatable {
    public private(set) var positives: [Int]
    public private(set) var negatives: [Int]

    public init(maximum: Int) {
        positives = Array(repeating: 0, count: maximum + 1)
        negatives = Array(repeating: 0, count: maximum + 1)
    }

    public mutating func add(distance: Int, positive: Bool) {
        if positive { positives[distance] += 1 } else { negatives[distance] += 1 }
    }

    public mutating func merge(_ other: DistanceHistogram) {
        for d in positives.indices {
            positives[d] += other.positives[d]
            negatives[d] += other.negatives[d]
        }
    }

    public var positiveCount: Int { positives.reduce(0, +) }
    public var negativeCount: Int { negatives.reduce(0, +) }

    /// The operating point when pairs at distance ≤ `threshold` are called the same, with its counts.
    public func operating(at threshold: Int) -> OperatingPoint {
        let tp = positives[...min(threshold, positives.count - 1)].reduce(0, +)
        let fp = negatives[...min(threshold, negatives.count - 1)].reduce(0, +)
        return OperatingPoint(threshold: Double(threshold), truePositives: tp, falsePositives: fp,
                              positives: positiveCount, negatives: negativeCount)
    }

    /// The threshold with the highest F1 (the smallest such threshold on ties).
    public func bestF1() -> OperatingPoint {
        let (total, negativeTotal) = (positiveCount, negativeCount)
        var best = operating(at: 0)
        var tp = positives[0], fp = negatives[0]
        for t in 1..<positives.count {
            tp += positives[t]
            fp += negatives[t]
            let point = OperatingPoint(threshold: Double(t), truePositives: tp, falsePositives: fp, positives: total, negatives: negativeTotal)
            if point.f1 > best.f1 { best = point }
        }
        return best
    }
}
