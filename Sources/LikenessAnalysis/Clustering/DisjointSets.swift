/// Disjoint sets over `0..<count` with union by size and path halving: the components of DBSCAN's
/// core graph, the merges of a spanning tree, the cut of a dendrogram.
///
/// Reference: R. E. Tarjan, "Efficiency of a good but not linear set union algorithm" (1975).
struct DisjointSets {
    private var parent: [Int32]
    private var size: [Int32]

    init(count: Int) {
        parent = (0..<count).map { Int32($0) }
        size = [Int32](repeating: 1, count: count)
    }

    /// The representative of `element`'s set.
    mutating func find(_ element: Int) -> Int {
        var x = element
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }

    /// Joins the sets of `a` and `b`; returns false when they were one set already.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var (ra, rb) = (find(a), find(b))
        guard ra != rb else { return false }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        size[ra] += size[rb]
        return true
    }

    /// Number of elements in `element`'s set.
    mutating func setSize(_ element: Int) -> Int { Int(size[find(element)]) }
}
