import LikenessNumerics

extension ContrastiveLoss {
    /// The pairs of a batch whose rows have `distances` (squared, ``Matrix/squaredDistancesWithin()``)
    /// and `labels`: every pair of one class, and as many pairs of two classes, the nearest first
    /// (hard negatives, so the loss is not swamped by pairs that are far apart already). Ties go to
    /// the lower positions, so the choice depends on the distances alone.
    public static func pairs(distances: Matrix, labels: [Int]) -> [Pair] {
        let n = labels.count
        precondition(distances.rows == n && distances.columns == n, "one label per row of the distances")
        var positives: [Pair] = [], negatives: [(distance: Float, pair: Pair)] = []
        for i in 0..<n {
            for j in (i + 1)..<n {
                if labels[i] == labels[j] { positives.append(Pair(i, j, same: true)) } else { negatives.append((distances[i, j], Pair(i, j, same: false))) }
            }
        }
        negatives.sort { ($0.distance, $0.pair.first, $0.pair.second) < ($1.distance, $1.pair.first, $1.pair.second) }
        return positives + negatives.prefix(max(positives.count, 1)).map(\.pair)
    }
}
