/// A weighted undirected graph in compressed sparse rows: row i's neighbours are
/// `columns[offsets[i] ..< offsets[i + 1]]`, ascending, with `weights` beside them. Every edge is
/// stored from both ends with the same weight.
struct SparseGraph: Sendable {
    let count: Int
    let offsets: [Int]
    let columns: [Int32]
    let weights: [Float]

    /// The symmetric combination of a directed k-NN graph: for every pair, `combine(w_ij, w_ji)`
    /// where an absent direction weighs 0; pairs that combine to 0 are dropped.
    init(symmetrising graph: NeighbourGraph, weights directed: [Float], combine: (Float, Float) -> Float) {
        let n = graph.count, k = graph.k
        // Both directions of every directed edge, sorted by (row, column): a pair listed from both
        // ends appears twice in a row, once as "forward" and once as "backward".
        var entries: [(row: Int32, column: Int32, forward: Float, backward: Float)] = []
        entries.reserveCapacity(2 * n * k)
        for i in 0..<n {
            for slot in 0..<k {
                let j = graph.ids[i * k + slot], w = directed[i * k + slot]
                guard Int(j) != i, w > 0 else { continue }
                entries.append((Int32(i), j, w, 0))
                entries.append((j, Int32(i), 0, w))
            }
        }
        entries.sort { $0.row != $1.row ? $0.row < $1.row : $0.column < $1.column }
        var offsets = [Int](repeating: 0, count: n + 1)
        var columns: [Int32] = [], weights: [Float] = []
        columns.reserveCapacity(entries.count)
        weights.reserveCapacity(entries.count)
        var e = 0
        while e < entries.count {
            var forward = entries[e].forward, backward = entries[e].backward
            var next = e + 1
            while next < entries.count && entries[next].row == entries[e].row && entries[next].column == entries[e].column {
                forward = max(forward, entries[next].forward)
                backward = max(backward, entries[next].backward)
                next += 1
            }
            let weight = combine(forward, backward)
            if weight > 0 {
                columns.append(entries[e].column)
                weights.append(weight)
                offsets[Int(entries[e].row) + 1] += 1
            }
            e = next
        }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        self.count = n
        self.offsets = offsets
        self.columns = columns
        self.weights = weights
    }

    private init(count: Int, offsets: [Int], columns: [Int32], weights: [Float]) {
        self.count = count
        self.offsets = offsets
        self.columns = columns
        self.weights = weights
    }

    /// The same graph without the edges lighter than `minimum`.
    func pruned(below minimum: Float) -> SparseGraph {
        var offsets = [Int](repeating: 0, count: count + 1)
        var columns: [Int32] = [], weights: [Float] = []
        for i in 0..<count {
            for e in self.offsets[i]..<self.offsets[i + 1] where self.weights[e] >= minimum {
                columns.append(self.columns[e])
                weights.append(self.weights[e])
            }
            offsets[i + 1] = columns.count
        }
        return SparseGraph(count: count, offsets: offsets, columns: columns, weights: weights)
    }

    /// Number of connected components (union–find).
    var componentCount: Int {
        var parent = Array(0..<count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for i in 0..<count {
            for e in offsets[i]..<offsets[i + 1] {
                let a = root(i), b = root(Int(columns[e]))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        return (0..<count).reduce(0) { $0 + (root($1) == $1 ? 1 : 0) }
    }
}
