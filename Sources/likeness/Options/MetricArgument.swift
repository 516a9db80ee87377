import ArgumentParser
import LikenessCore

/// `--metric NAME`: parsed by ``Metric/init(parsing:)``, the one parser of metric names, so an
/// unknown name or a Minkowski order below 1 is refused with the engine's own message.
enum MetricArgument {
    /// The transform every `--metric` option uses.
    static func parse(_ text: String) throws -> Metric {
        do { return try Metric(parsing: text) } catch { throw ValidationError(error.description) }
    }

    /// Help shared by every command with `--metric`.
    static let names = "cosine, dot, euclidean (l2), sqeuclidean, manhattan (l1, cityblock), chebyshev (linf), minkowski:P (P ≥ 1), "
        + "pearson, spearman, jaccard, hamming, chi2, emd"
}
