import LikenessCore

/// Batches of P classes × K examples each, so every anchor has positives and negatives in its
/// batch (the batches batch-hard mining needs).
///
/// P is the number of classes, at most half the batch size; K is the batch size over P. Each
/// batch takes P classes in a seeded random order and the next K examples of each from that
/// class's own seeded shuffle, reshuffled when used up (a class smaller than K repeats examples).
/// An epoch is as many batches as it takes to draw about as many examples as there are.
public struct ClassBatchSampler: Sendable {
    /// Positions of each class's examples, by class.
    let members: [[Int]]
    /// Classes per batch.
    public let classesPerBatch: Int
    /// Examples per class per batch.
    public let examplesPerClass: Int
    /// Batches per epoch.
    public let batchesPerEpoch: Int
    private var queues: [[Int]]
    private var cursors: [Int]
    private var random: SeededRandom

    /// A sampler over examples with these labels; needs at least two classes and a batch of at
    /// least four (two classes of two).
    public init(labels: [Int], batchSize: Int, seed: UInt64) {
        let byClass = Dictionary(grouping: labels.indices, by: { labels[$0] })
        members = byClass.keys.sorted().map { byClass[$0]! }
        precondition(members.count >= 2 && batchSize >= 4, "batches need two classes and room for two of each")
        classesPerBatch = min(members.count, batchSize / 2)
        examplesPerClass = batchSize / classesPerBatch
        batchesPerEpoch = max(1, (labels.count + classesPerBatch * examplesPerClass - 1) / (classesPerBatch * examplesPerClass))
        random = SeededRandom(seed: seed)
        queues = members
        cursors = [Int](repeating: 0, count: members.count)
        for c in queues.indices { random.shuffle(&queues[c]) }
    }

    /// The next batch: positions of its examples, class by class.
    public mutating func next() -> [Int] {
        var classes = Array(members.indices)
        random.shuffle(&classes)
        var batch: [Int] = []
        batch.reserveCapacity(classesPerBatch * examplesPerClass)
        for c in classes.prefix(classesPerBatch) {
            for _ in 0..<examplesPerClass {
                if cursors[c] == queues[c].count {
                    random.shuffle(&queues[c])
                    cursors[c] = 0
                }
                batch.append(queues[c][cursors[c]])
                cursors[c] += 1
            }
        }
        return batch
    }
}
