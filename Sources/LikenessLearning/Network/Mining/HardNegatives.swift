import LikenessCore

/// Hard negatives precomputed from the training rows' embeddings (the seed's "hard negatives mined
/// from precomputed embeddings"): for each row, a few of its nearest rows of another class. Each
/// batch then also holds, for every row drawn, one of its candidates, so the in-batch mining
/// (``TripletMining``) sees the negatives that are hardest over the whole set, not only those the
/// sampler happened to draw.
public struct HardNegatives: Sendable, Equatable {
    /// For each training row, its candidate negatives (row positions), nearest first.
    public let candidates: [[Int]]

    /// - Precondition: every candidate is a valid row position.
    public init(candidates: [[Int]]) {
        precondition(candidates.allSatisfy { $0.allSatisfy { candidates.indices.contains($0) } }, "candidates are row positions")
        self.candidates = candidates
    }

    /// The candidates from each row's nearest neighbours (nearest first, the row itself left out):
    /// the first `count` of another class.
    public init(neighbours: [[Int]], labels: [Int], count: Int) {
        precondition(neighbours.count == labels.count, "one neighbour list per row")
        self.init(candidates: neighbours.enumerated().map { row, found in
            Array(found.filter { $0 != row && labels[$0] != labels[row] }.prefix(count))
        })
    }

    /// `batch` followed by one randomly chosen candidate of each of its rows that has any and whose
    /// candidate is not already in the batch (in the order of the rows).
    public func extend(_ batch: [Int], random: inout SeededRandom) -> [Int] {
        var out = batch, present = Set(batch)
        for row in batch where !candidates[row].isEmpty {
            let negative = candidates[row][random.int(in: 0..<candidates[row].count)]
            if present.insert(negative).inserted { out.append(negative) }
        }
        return out
    }
}
