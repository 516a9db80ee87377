import LikenessCore
/// Bootstrap confidence intervals for a calibration: how much each chosen threshold would move
/// with another sample of labelled pairs of the same kind.
extension ScoreCalibration {
    /// A two-sided percentile interval.
    public struct Interval: Sendable, Codable, Equatable {
        public var low: Double
        public var high: Double

        public init(low: Double, high: Double) {
            self.low = low
            self.high = high
        }

        public func contains(_ value: Double) -> Bool { low <= value && value <= high }
    }

    /// Percentile intervals of the summary numbers and of each rule's threshold.
    public struct Bootstrap: Sendable, Codable, Equatable {
        public var resamples: Int
        public var confidence: Double
        public var rocAUC: Interval
        public var bestF1Threshold: Interval
        /// F1 reached at the best-F1 threshold of each resample.
        public var bestF1: Interval
        public var youdenThreshold: Interval
        public var valleyThreshold: Interval
        public var targetRecallThreshold: Interval?
        public var targetPrecisionThreshold: Interval?
        /// Resamples in which the target recall or precision could be reached at all (the
        /// target's interval is taken over these only).
        public var targetRecallReached: Int?
        public var targetPrecisionReached: Int?
    }

    /// Resamples positives and negatives separately with replacement (so every resample has both)
    /// `resamples` times and returns the central `confidence` percentile interval of every rule.
    public static func bootstrap(scores: [Double], labels: [Bool], resamples: Int = 200, confidence: Double = 0.95,
                                 seed: UInt64 = 1, targetRecall: Double? = nil, targetPrecision: Double? = nil) -> Bootstrap {
        precondition(resamples > 0 && (0..<1).contains(confidence), "need resamples > 0 and a confidence in [0, 1)")
        let positives = zip(scores, labels).filter { $0.1 }.map(\.0)
        let negatives = zip(scores, labels).filter { !$0.1 }.map(\.0)
        precondition(!positives.isEmpty && !negatives.isEmpty, "need both kinds of pair")
        var generator = SeededRandom(seed: seed)
        var auc: [Double] = [], f1Threshold: [Double] = [], f1: [Double] = [], youden: [Double] = [], valley: [Double] = []
        var recallThreshold: [Double] = [], precisionThreshold: [Double] = []
        let resampleLabels = Array(repeating: true, count: positives.count) + Array(repeating: false, count: negatives.count)
        for _ in 0..<resamples {
            var sample: [Double] = []
            sample.reserveCapacity(resampleLabels.count)
            for _ in positives.indices { sample.append(positives[generator.int(in: 0..<positives.count)]) }
            for _ in negatives.indices { sample.append(negatives[generator.int(in: 0..<negatives.count)]) }
            let calibration = ScoreCalibration(scores: sample, labels: resampleLabels)
            auc.append(calibration.rocAUC)
            f1Threshold.append(calibration.bestF1.threshold)
            f1.append(calibration.bestF1.f1)
            youden.append(calibration.youden.threshold)
            valley.append(calibration.valley.threshold)
            if let targetRecall, let point = calibration.threshold(forRecall: targetRecall) { recallThreshold.append(point.threshold) }
            if let targetPrecision, let point = calibration.threshold(forPrecision: targetPrecision) { precisionThreshold.append(point.threshold) }
        }
        func interval(_ values: [Double]) -> Interval? {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            let tail = (1 - confidence) / 2
            func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count - 1)).rounded())))] }
            return Interval(low: at(tail), high: at(1 - tail))
        }
        return Bootstrap(resamples: resamples, confidence: confidence, rocAUC: interval(auc)!, bestF1Threshold: interval(f1Threshold)!,
                         bestF1: interval(f1)!, youdenThreshold: interval(youden)!, valleyThreshold: interval(valley)!,
                         targetRecallThreshold: targetRecall == nil ? nil : interval(recallThreshold),
                         targetPrecisionThreshold: targetPrecision == nil ? nil : interval(precisionThreshold),
                         targetRecallReached: targetRecall == nil ? nil : recallThreshold.count,
                         targetPrecisionReached: targetPrecision == nil ? nil : precisionThreshold.count)
    }

    /// At most `limit` points of ``curve``, evenly spaced along it and always keeping both ends,
    /// for plots and JSON (a curve has one point per distinct score).
    public func thinnedCurve(limit: Int = 500) -> [OperatingPoint] {
        guard curve.count > limit, limit >= 2 else { return curve }
        let step = Double(curve.count - 1) / Double(limit - 1)
        return (0..<limit).map { curve[Int((Double($0) * step).rounded())] }
    }
}
