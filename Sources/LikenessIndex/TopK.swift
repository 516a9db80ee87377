import LikenessCore

/// A bounded selection of the best neighbours, closest first (ties by lower id).
struct TopK {
    let k: Int
    let metric: VectorMetric
    private var items: [Neighbor] = []

    init(k: Int, metric: VectorMetric) {
        self.k = k
        self.metric = metric
        items.reserveCapacity(Swift.min(k, 16) + 1)
    }

    mutating func insert(_ candidate: Neighbor) {
        if items.count == k, let worst = items.last, !metric.ranks(candidate, before: worst) { return }
        // Insertion into a sorted array: k is small.
        let position = items.firstIndex { metric.ranks(candidate, before: $0) } ?? items.count
        items.insert(candidate, at: position)
        if items.count > k { items.removeLast() }
    }

    func sorted() -> [Neighbor] { items }

    /// The score a candidate must be within to enter once the selection is full (its worst), else nil.
    var bar: Float? { items.count == k ? items.last?.score : nil }
}
