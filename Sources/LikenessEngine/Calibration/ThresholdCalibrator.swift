import LikenessAnalysis
import LikenessCore

/// Settings for ``ThresholdCalibrator``.
public struct CalibrationConfiguration: Sendable {
    /// Also find the highest threshold that still reaches this recall.
    public var targetRecall: Double?
    /// Also find the lowest threshold that keeps this precision.
    public var targetPrecision: Double?
    /// The rule whose threshold is saved. Default: the target recall when given, else the target
    /// precision when given, else best F1.
    public var rule: CalibrationFile.Rule?
    /// Bootstrap resamples for confidence intervals; 0 skips them. Default 200.
    public var resamples: Int
    /// Clusters with their own threshold (embeddings only); nil for one global threshold.
    public var clusters: Int?
    public var seed: UInt64

    public init(targetRecall: Double? = nil, targetPrecision: Double? = nil, rule: CalibrationFile.Rule? = nil,
                resamples: Int = 200, clusters: Int? = nil, seed: UInt64 = 1) {
        self.targetRecall = targetRecall
        self.targetPrecision = targetPrecision
        self.rule = rule
        self.resamples = max(0, resamples)
        self.clusters = clusters
        self.seed = seed
    }

    /// The rule to save, given what was asked for.
    public var chosenRule: CalibrationFile.Rule {
        rule ?? (targetRecall != nil ? .targetRecall : targetPrecision != nil ? .targetPrecision : .bestF1)
    }
}

/// What a calibration found, in the method's own units (cosine, or distance for hashes).
public struct CalibrationOutcome: Sendable, Encodable {
    /// One threshold rule's result.
    public struct Choice: Sendable, Encodable {
        public var rule: CalibrationFile.Rule
        public var threshold: Double
        public var precision: Double
        public var recall: Double
        public var falsePositiveRate: Double
        public var f1: Double
        /// Bootstrap interval of the threshold.
        public var interval: ScoreCalibration.Interval?
    }

    public var method: String
    public var scale: CalibrationFile.Scale
    public var positives: Int
    public var negatives: Int
    public var rocAUC: Double
    public var rocAUCInterval: ScoreCalibration.Interval?
    public var averagePrecision: Double
    public var equalErrorRate: Double
    public var bootstrapResamples: Int
    /// Every rule asked for; a target that cannot be reached is left out.
    public var choices: [Choice]
    /// The saved calibration: the chosen rule's threshold (and per-cluster thresholds).
    public var file: CalibrationFile
    /// The full calibration in score space (cosine, or negated distance), for plots.
    public var calibration: ScoreCalibration
    /// The raw scores in the method's units, positives and negatives, for histograms.
    public var positiveScores: [Double]
    public var negativeScores: [Double]

    private enum CodingKeys: String, CodingKey {
        case method, scale, positives, negatives, rocAUC, rocAUCInterval, averagePrecision, equalErrorRate, bootstrapResamples, choices, file
    }
}

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
        case unreachable(CalibrationFile.Rule)
        case clustersNeedEmbeddings

        public var description: String {
            switch self {
            case .needBothKinds(let same, let different):
                "need at least one 'same' and one 'different' pair with usable images (have \(same) same, \(different) different)"
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
        func choice(_ rule: CalibrationFile.Rule, _ point: ScoreCalibration.Point?, _ range: ScoreCalibration.Interval?) -> CalibrationOutcome.Choice? {
            point.map { .init(rule: rule, threshold: unit($0.threshold), precision: $0.precision, recall: $0.recall,
                              falsePositiveRate: $0.falsePositiveRate, f1: $0.f1, interval: interval(range)) }
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
            clusters = perCluster(k, scores: scores, labels: labels, pairs: pairs, vectors: vectors, fallback: chosen.threshold)
        }
        let file = CalibrationFile(method: method, modelFingerprint: fingerprint, scale: scale, rule: chosen.rule, threshold: chosen.threshold,
                                   precision: chosen.precision, recall: chosen.recall, f1: chosen.f1, positives: same,
                                   negatives: labels.count - same, interval: chosen.interval, clusters: clusters)
        return CalibrationOutcome(method: method, scale: scale, positives: same, negatives: labels.count - same,
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
