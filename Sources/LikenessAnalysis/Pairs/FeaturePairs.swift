import LikenessCore

/// All pairs of continuous hashes within their own distance, by the exhaustive scan of ``AllPairs``.
///
/// Continuous hash distances (peak cross-correlation, L2 of moments) have no bit tricks, so this
/// is O(N²/2) distance evaluations with O(N) memory; it is meant for the tens of thousands of
/// images a person groups by one of these hashes, not for millions.
public enum FeaturePairs {
    /// A pair `(i, j)` with `i < j` and its distance.
    public typealias Pair = AllPairs.Pair<Double>

    /// Every pair with distance ≤ `threshold`, ordered by `(i, j)`.
    public static func within(_ threshold: Double, of features: [FeatureHash], workers: Int = 1) -> [Pair] {
        AllPairs.within(threshold, count: features.count, workers: workers) { features[$0].distance(to: features[$1]) }
    }
}
