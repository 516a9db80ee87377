import LikenessCore

/// Where a pair scorer's training pairs come from, drawn afresh for every epoch.
public enum TrainingPairs: Sendable {
    /// A fixed list of labelled pairs (a labelled-pairs file), shuffled each epoch.
    case fixed([ContrastiveLoss.Pair])
    /// Rows with class labels: each epoch pairs every row with a random row of its own class and a
    /// random row of another class, so half the pairs are alike.
    case classes([Int])

    /// One epoch's pairs in training order.
    public func epoch(_ random: inout SeededRandom) -> [ContrastiveLoss.Pair] {
        switch self {
        case .fixed(let pairs):
            return random.shuffled(pairs)
        case .classes(let labels):
            let byClass = Dictionary(grouping: labels.indices, by: { labels[$0] })
            var pairs: [ContrastiveLoss.Pair] = []
            pairs.reserveCapacity(labels.count * 2)
            for row in labels.indices {
                let same = byClass[labels[row]]!
                if same.count > 1 {
                    var partner = same[random.int(in: 0..<(same.count - 1))]
                    if partner == row { partner = same[same.count - 1] }
                    pairs.append(.init(row, partner, same: true))
                }
                var other = random.int(in: 0..<labels.count)
                while labels[other] == labels[row] { other = random.int(in: 0..<labels.count) }
                pairs.append(.init(row, other, same: false))
            }
            return random.shuffled(pairs)
        }
    }

    /// Pairs in the list (fixed) or drawn per epoch (about two per row).
    public var countPerEpoch: Int {
        switch self {
        case .fixed(let pairs): pairs.count
        case .classes(let labels): labels.count * 2
        }
    }
}
