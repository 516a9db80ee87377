/// One bounded max-heap per stored vector, in flat arrays: the `k` best candidates seen so far,
/// keyed so that lower is closer (squared distance for L2, minus the score for similarities), ties
/// by lower id. The root is the worst kept candidate, so most candidates are refused by one
/// comparison with ``worst``.
struct NeighbourHeaps: @unchecked Sendable {
    let k: Int
    private var keys: UnsafeMutablePointer<Float>
    private var ids: UnsafeMutablePointer<Int32>
    private var sizes: UnsafeMutablePointer<Int32>
    /// The root's key of a full heap; before it fills, the bound it was made with.
    private(set) var worst: UnsafeMutablePointer<Float>
    let count: Int

    /// Heaps that refuse from the start every key above `bound` (a superset of what the caller keeps).
    init(count: Int, k: Int, bound: Float = .infinity) {
        self.count = count
        self.k = k
        keys = .allocate(capacity: max(1, count * k))
        ids = .allocate(capacity: max(1, count * k))
        sizes = .allocate(capacity: max(1, count))
        sizes.initialize(repeating: 0, count: max(1, count))
        worst = .allocate(capacity: max(1, count))
        worst.initialize(repeating: bound, count: max(1, count))
    }

    func deallocate() {
        keys.deallocate(); ids.deallocate(); sizes.deallocate(); worst.deallocate()
    }

    /// Offers `id` at `key` to row `row`'s heap. Only one thread may offer to a given row at a time.
    @inline(__always)
    func offer(_ row: Int, key: Float, id: Int32) {
        let bound = worst[row]
        if key > bound { return }
        let base = row * k
        let size = Int(sizes[row])
        if size < k {
            // Sift up from the new leaf.
            var child = size
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.after(key, id, keys[base + parent], ids[base + parent]) else { break }
                keys[base + child] = keys[base + parent]; ids[base + child] = ids[base + parent]
                child = parent
            }
            keys[base + child] = key; ids[base + child] = id
            sizes[row] = Int32(size + 1)
            if size + 1 == k { worst[row] = keys[base] }
            return
        }
        guard Self.after(keys[base], ids[base], key, id) else { return }
        // Replace the root and sift down.
        var parent = 0
        while true {
            let left = 2 * parent + 1
            if left >= k { break }
            var largest = left
            let right = left + 1
            if right < k && Self.after(keys[base + right], ids[base + right], keys[base + left], ids[base + left]) { largest = right }
            guard Self.after(keys[base + largest], ids[base + largest], key, id) else { break }
            keys[base + parent] = keys[base + largest]; ids[base + parent] = ids[base + largest]
            parent = largest
        }
        keys[base + parent] = key; ids[base + parent] = id
        worst[row] = keys[base]
    }

    /// True when (a, aId) ranks after (b, bId): farther, or as far with a higher id.
    @inline(__always)
    static func after(_ a: Float, _ aId: Int32, _ b: Float, _ bId: Int32) -> Bool { a > b || (a == b && aId > bId) }

    /// Row `row`'s candidates, closest first.
    func sorted(_ row: Int) -> [(key: Float, id: Int32)] {
        let base = row * k
        return (0..<Int(sizes[row])).map { (keys[base + $0], ids[base + $0]) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.id < $1.id }
    }
}
