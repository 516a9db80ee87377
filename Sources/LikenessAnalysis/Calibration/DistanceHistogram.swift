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

    /// Precision, recall and F1 when pairs at distance ≤ `threshold` are called the same.
    public struct Operating: Sendable, Codable, Equatable {
        public var threshold: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double

        public init(threshold: Int, precision: Double, recall: Double, f1: Double) {
            self.threshold = threshold
            self.precision = precision
            self.recall = recall
            self.f1 = f1
        }
    }

    /// The operating point at a threshold.
    public func operating(at threshold: Int) -> Operating {
        let tp = positives[...min(threshold, positives.count - 1)].reduce(0, +)
        let fp = negatives[...min(threshold, negatives.count - 1)].reduce(0, +)
        let precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 1
        let recall = positiveCount > 0 ? Double(tp) / Double(positiveCount) : 0
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        return Operating(threshold: threshold, precision: precision, recall: recall, f1: f1)
    }

    /// The threshold with the highest F1 (the smallest such threshold on ties).
    public func bestF1() -> Operating {
        var best = operating(at: 0)
        var tp = positives[0], fp = negatives[0]
        let total = positiveCount
        for t in 1..<positives.count {
            tp += positives[t]
            fp += negatives[t]
            let precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 1
            let recall = total > 0 ? Double(tp) / Double(total) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            if f1 > best.f1 { best = Operating(threshold: t, precision: precision, recall: recall, f1: f1) }
        }
        return best
    }
}
