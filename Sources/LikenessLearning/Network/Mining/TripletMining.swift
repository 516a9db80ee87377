import LikenessCore
import LikenessNumerics

/// How triplets are chosen within a batch from the current embeddings.
public enum TripletMining: String, Sendable, Codable, CaseIterable {
    /// Every anchor with one positive and one negative drawn at random.
    case random
    /// Every (anchor, positive) pair with the nearest negative farther than the positive (within
    /// the margin or not); when every negative is nearer, the farthest of them (Schroff et al. 2015,
    /// as TensorFlow Addons' `triplet_semihard_loss`).
    case semiHard = "semi-hard"
    /// Every anchor with its farthest positive and its nearest negative (Hermans, Beyer and Leibe 2017).
    case batchHard = "batch-hard"

    /// The triplets of a batch whose rows have `distances` (squared, ``Matrix/squaredDistancesWithin()``)
    /// and `labels`. Anchors without a positive or a negative in the batch take part in none.
    public func triplets(distances: Matrix, labels: [Int], random: inout SeededRandom) -> [Triplet] {
        let n = labels.count
        precondition(distances.rows == n && distances.columns == n, "one label per row of the distances")
        var out: [Triplet] = []
        for anchor in 0..<n {
            let positives = (0..<n).filter { $0 != anchor && labels[$0] == labels[anchor] }
            let negatives = (0..<n).filter { labels[$0] != labels[anchor] }
            guard !positives.isEmpty, !negatives.isEmpty else { continue }
            switch self {
            case .random:
                out.append(Triplet(anchor: anchor, positive: positives[random.int(in: 0..<positives.count)],
                                   negative: negatives[random.int(in: 0..<negatives.count)]))
            case .batchHard:
                // Ties go to the lowest position, so the choice does not depend on anything but the distances.
                var positive = positives[0], negative = negatives[0]
                for p in positives where distances[anchor, p] > distances[anchor, positive] { positive = p }
                for q in negatives where distances[anchor, q] < distances[anchor, negative] { negative = q }
                out.append(Triplet(anchor: anchor, positive: positive, negative: negative))
            case .semiHard:
                for positive in positives {
                    let reach = distances[anchor, positive]
                    var beyond: Int?, farthest = negatives[0]
                    for q in negatives {
                        let d = distances[anchor, q]
                        if d > reach, beyond.map({ d < distances[anchor, $0] }) ?? true { beyond = q }
                        if d > distances[anchor, farthest] { farthest = q }
                    }
                    out.append(Triplet(anchor: anchor, positive: positive, negative: beyond ?? farthest))
                }
            }
        }
        return out
    }
}
