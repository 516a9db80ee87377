import ArgumentParser
import LikenessCore

/// `--metric NAME` parses through ``Metric/init(parsing:)``, the one parser of metric names; an
/// unknown name is refused with the list of valid ones.
extension Metric: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
    public static var allValueStrings: [String] { Metric.validNames }
}

/// Help shared by every command with `--metric`.
enum MetricHelp {
    static let names = "cosine, dot, euclidean (l2), sqeuclidean, manhattan (l1, cityblock), chebyshev (linf), minkowski:P (P ≥ 1), "
        + "pearson, spearman, jaccard, hamming, chi2, emd"
}
