import LikenessCore
import LikenessHashing

extension EvalMethod {
    /// What this method's features are, for deciding which metrics fit it (``Metric/fits(_:)``):
    /// embeddings and learned heads are real-valued, pixels, HOG and bags of words non-negative,
    /// hashes bits, and the histogram a unit-mass histogram over HSV bins with a ground distance
    /// (``groundDistance``) when compared by a metric other than cosine (see ``features(_:for:)``).
    public var featureKind: FeatureKind {
        switch self {
        case .embedding: .real
        case .hash: .bits
        case .pixels: .nonNegative
        case .histogram, .comparedHistogram: .groundedHistogram
        case .hog, .bagOfWords: .nonNegative
        // A head's output is L2-normalised real values, whatever its base.
        case .head: .real
        // Joined parts: non-negative only when every part is (the histogram's Hellinger vector is).
        case .joined(let parts): parts.allSatisfy { $0 == .histogram || $0.featureKind == .nonNegative } ? .nonNegative : .real
        }
    }

    /// The metric this method is ranked by when none is given: its own metric if it has one
    /// (``ownMetric``), Hamming for hashes, cosine otherwise.
    public var defaultMetric: Metric {
        if let ownMetric { return ownMetric }
        if case .hash = self { return .hamming } else { return .cosine }
    }

    /// The metric that is part of the method (`histogram:emd`), which `--metric` does not override.
    public var ownMetric: Metric? {
        if case .comparedHistogram(let metric) = self { metric } else { nil }
    }

    /// The ground distance between the feature's bins, for EMD: the HSV cone of the histogram
    /// (``LikenessHashing/ColorHistogram/earthMovers``); nil for every other method.
    public var groundDistance: GroundedEarthMovers? {
        switch self {
        case .histogram, .comparedHistogram: ColorHistogram.earthMovers
        default: nil
        }
    }

    /// The features as `metric` compares them. The histogram method extracts the square roots of
    /// its bins (the Hellinger vector, whose cosine is the Bhattacharyya coefficient); any other
    /// metric compares the histogram itself, so its bins are squared back (each within a rounding
    /// of the original). Other methods' features are used as they are.
    public func features(_ features: RetrievalEvaluation.Features, for metric: Metric) -> RetrievalEvaluation.Features {
        guard self == .histogram, metric != .cosine, case .vectors(let vectors) = features else { return features }
        return .vectors(vectors.map { $0?.map { $0 * $0 } })
    }
}
