import LikenessCore

/// All pairs of continuous hashes within a distance, by an exhaustive scan split across workers.
///
/// Continuous hash distances (peak cross-correlation, L2 of moments) have no bit tricks, so this
/// is O(N²/2) distance evaluations with O(N) memory; it is meant for the tens of thousands of
/// images a person groups by one of these hashes, not for millions.
public enum FeaturePairs {
    /// A pair `(i, j)` with `i < j` and its distance.
    public struct Pair: Hashable, Sendable {
        public var i: Int
        public var j: Int
        public var distance: Double
    }

    /// Every pair with distance ≤ `threshold`, ordered by `(i, j)`.
    public static func within(_ threshold: Double, of features: [FeatureHash], workers: Int = 1) -> [Pair] {
        guard features.count > 1 else { return [] }
        let rows = Array(0..<features.count)
        let lanes = max(1, workers)
        let chunks = (0..<lanes).map { w in rows.filter { $0 % lanes == w } }
        let found = ParallelWork.map(chunks, workers: lanes) { mine -> [Pair] in
            var pairs: [Pair] = []
            for i in mine {
                for j in (i + 1)..<features.count {
                    let distance = features[i].distance(to: features[j])
                    if distance <= threshold { pairs.append(Pair(i: i, j: j, distance: distance)) }
                }
            }
            return pairs
        }
        return found.flatMap { $0 }.sorted { ($0.i, $0.j) < ($1.i, $1.j) }
    }
}
