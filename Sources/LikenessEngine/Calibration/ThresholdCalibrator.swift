import LikenessAnalysis
import LikenessCore

/// From labelled, scored pairs to thresholds by every rule, their bootstrap intervals, optional
/// per-cluster thresholds, and the file that `dupes`, `leakage` and `novelty` read.
public struct ThresholdCalibrator: Sendable {
    public let configuration: CalibrationConfiguration

    public init(configuration: CalibrationConfiguration = CalibrationConfiguration()) {
        self.configuration = configuration
    }

    /// Why calibration cannot proceed.
    public enum CalibrationError: Error, Sendable, Equatable, CustomStringConvertible {
        case needBothKinds(same: Int, different: Int)
        /// Fewer than ``CalibrationConfiguration/minimumPairs`` of a kind without `allowSmall`.
        case tooFewPairs(same: Int, different: Int)
        case unreachable(CalibrationFile.Rule)
        case clustersNeedEmbeddings

        public var description: String {
            switch self {
            case .needBothKinds(let same, let different):
                "need at least one 'same' and one 'different' pair with usable images (have \(same) same, \(different) different)"
            case .tooFewPairs(let same, let different):
                "only \(same) same and \(different) different pairs: a threshold needs at least \(CalibrationConfiguration.minimumPairs) of each "
                    + "(with fewer, one pair moves recall or the false-positive rate by more than 5 points, and the bootstrap interval "
                    + "only reshuffles a handful of scores). Label more pairs, or pass --allow-small to calibrate anyway (the result is marked as such)"
            case .unreachable(let rule): "no threshold satisfies \(rule.rawValue) on these pairs"
            case .clustersNeedEmbeddings: "per-cluster thresholds need an embedding model, not a hash"
            }
        }
    }

    /// Calibrates. `scores` are higher-is-more-alike (hash distances negated); `pairs` and
    /// `vectors` are needed only for per-cluster thresholds.
    public func calibrate(scores: [Double], labels: [Bool], method: String, fingerprint: String?, scale: CalibrationFile.Scale,
                          pairs: [LabelledPair] = [], vectors: [String: [Float]] = [:]) throws(CalibrationError) -> CalibrationOutcome {
        let same = labels.filter { $0 }.count
        guard same > 0, same < labels.count else { throw .needBothKinds(same: same, different: labels.count - same) }
        let c = configuration
        let small = min(same, labels.count - same) < CalibrationConfiguration.minimumPairs
        if small && !c.allowSmall { throw .tooFewPairs(same: same, different: labels.count - same) }
        let calibration = ScoreCalibration(scores: scores, labels: labels)
        let bootstrap = c.resamples > 0
            ? ScoreCalibration.bootstrap(scores: scores, labels: labels, resamples: c.resamples, seed: c.seed,
                                         targetRecall: c.targetRecall, targetPrecision: c.targetPrecision)
            : nil
        // Back to the method's units: distances were negated, which also swaps an interval's ends.
        let unit: (Double) -> Double = scale == .distance ? { -$0 } : { $0 }
        func interval(_ i: ScoreCalibration.Interval?) -> ScoreCalibration.Interval? {
            i.map { scale == .distance ? .init(low: -$0.high, high: -$0.low) : $0 }
        }
        func choice(_ rule: CalibrationFile.Rule, _ point: OperatingPoint?, _ range: ScoreCalibration.Interval?) -> CalibrationOutcome.Choice? {
            point.map { .init(rule: rule, point: $0.converted(unit), interval: interval(range)) }
        }
        var choices = [
            choice(.bestF1, calibration.bestF1, bootstrap?.bestF1Threshold),
            choice(.youden, calibration.youden, bootstrap?.youdenThreshold),
            choice(.valley, calibration.valley, bootstrap?.valleyThreshold),
        ].compactMap { $0 }
        if let recall = c.targetRecall, let found = choice(.targetRecall, calibration.threshold(forRecall: recall), bootstrap?.targetRecallThreshold) {
            choices.append(found)
        }
        if let precision = c.targetPrecision, let found = choice(.targetPrecision, calibration.threshold(forPrecision: precision), bootstrap?.targetPrecisionThreshold) {
            choices.append(found)
        }
        guard let chosen = choices.first(where: { $0.rule == c.chosenRule }) else { throw .unreachable(c.chosenRule) }
        var clusters: [CalibrationFile.ClusterThreshold]?
        if let k = c.clusters {
            guard scale == .cosine else { throw .clustersNeedEmbeddings }
            clusters = perCluster(k, scores: scores, labels: labels, pairs: pairs, vectors: vectors, fallback: chosen.point.threshold)
        }
        let file = CalibrationFile(method: method, modelFingerprint: fingerprint, scale: scale, rule: chosen.rule, point: chosen.point,
                                   positives: same, negatives: labels.count - same, interval: chosen.interval, clusters: clusters,
                                   smallSample: small)
        let warnings = ReliabilityCheck(calibration: calibration, bootstrap: bootstrap, configuration: c, unit: unit)
            .warnings(for: chosen, file: file)
        return CalibrationOutcome(warnings: warnings, method: method, scale: scale, positives: same, negatives: labels.count - same,
                                  rocAUC: calibration.rocAUC, rocAUCInterval: bootstrap?.rocAUC,
                                  averagePrecision: calibration.averagePrecision, equalErrorRate: calibration.equalErrorRate,
                                  bootstrapResamples: c.resamples, choices: choices, file: file, calibration: calibration,
                                  positiveScores: zip(scores, labels).filter { $0.1 }.map { unit($0.0) },
                                  negativeScores: zip(scores, labels).filter { !$0.1 }.map { unit($0.0) })
    }

    /// Clusters the images of the pairs and finds the best-F1 threshold within each cluster (a pair
    /// belongs to the cluster of its first image). A cluster without both kinds of pair keeps `fallback`.
    func perCluster(_ k: Int, scores: [Double], labels: [Bool], pairs: [LabelledPair], vectors: [String: [Float]],
                    fallback: Double) -> [CalibrationFile.ClusterThreshold] {
        let paths = vectors.keys.sorted()
        let (centroids, assignment) = SphericalKMeans(clusters: k, seed: configuration.seed).fit(paths.map { vectors[$0]! })
        let clusterOf = Dictionary(uniqueKeysWithValues: zip(paths, assignment))
        var members = [[Int]](repeating: [], count: centroids.count)
        for (index, pair) in pairs.enumerated() where index < scores.count {
            if let cluster = clusterOf[pair.a] { members[cluster].append(index) }
        }
        return centroids.enumerated().map { cluster, centroid in
            let own = members[cluster]
            let positives = own.filter { labels[$0] }.count, negatives = own.count - positives
            guard positives > 0, negatives > 0 else {
                return .init(centroid: centroid, threshold: fallback, positives: positives, negatives: negatives, f1: 0)
            }
            let local = ScoreCalibration(scores: own.map { scores[$0] }, labels: own.map { labels[$0] })
            return .init(centroid: centroid, threshold: local.bestF1.threshold, positives: positives, negatives: negatives, f1: local.bestF1.f1)
        }
    }
}
