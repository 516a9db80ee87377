import LikenessCore
import LikenessNumerics

/// The k `--auto` picks for k-means, and the score of every k it tried.
public struct KChoice: Sendable, Codable, Equatable {
    /// One candidate k and the mean silhouette of its k-means labels on the sample.
    public struct Score: Sendable, Codable, Equatable {
        public let k: Int
        public let silhouette: Double
    }

    /// The k with the highest silhouette (the smallest such k on ties).
    public let k: Int
    /// Every k tried, in increasing order.
    public let scores: [Score]
    /// Points the silhouette was computed on.
    public let sample: Int
}

extension KMeans {
    /// Chooses k for k-means by the silhouette: fits k-means for every k in `candidates` (on all
    /// points, seeded) and scores each labelling's silhouette on the same seeded sample of
    /// `sample` points (see ``Silhouette``).
    ///
    /// Reference: P. J. Rousseeuw (1987); the silhouette criterion for k as in L. Kaufman and
    /// P. J. Rousseeuw, "Finding groups in data" (1990).
    ///
    /// - Throws: ``FitError/badParameter(name:value:reason:)`` for candidates below 2 (the
    ///   silhouette needs two clusters), ``FitError/tooFewPoints(points:needed:)`` when there are
    ///   fewer than `candidates.lowerBound + 1` points; ks above N − 1 are not tried.
    public static func chooseK(_ points: Matrix, candidates: ClosedRange<Int>, sample: Int = 2000, seed: UInt64 = 1,
                               cancellation: CancellationToken? = nil) throws(FitError) -> KChoice {
        guard candidates.lowerBound >= 2 else {
            throw .badParameter(name: "--auto", value: "\(candidates.lowerBound)...\(candidates.upperBound)", reason: "k starts at 2 for the silhouette")
        }
        try FitError.check(points)
        guard points.rows > candidates.lowerBound else { throw .tooFewPoints(points: points.rows, needed: candidates.lowerBound + 1) }
        var scores: [KChoice.Score] = []
        for k in candidates where k < points.rows {
            try FitError.checkCancellation(cancellation)
            let fit = try KMeans(.init(k: k, seed: seed)).fit(points, cancellation: cancellation)
            let silhouette: Double
            do throws(FitError) {
                silhouette = try Silhouette.score(points: points, labels: fit.labels.labels, sample: sample, seed: seed)
            } catch .badParameter {
                silhouette = -1   // fewer than two distinct clusters (identical points): the worst score
            }
            scores.append(.init(k: k, silhouette: silhouette))
        }
        let best = scores.max { $0.silhouette != $1.silhouette ? $0.silhouette < $1.silhouette : $0.k > $1.k }!
        return KChoice(k: best.k, scores: scores, sample: min(sample, points.rows))
    }
}
