/// HDBSCAN's condensed cluster tree and its excess-of-mass selection, built from the edges of a
/// mutual-reachability spanning tree.
///
/// The edges, lightest first, merge points into the single-linkage hierarchy. Walking it from the
/// top at λ = 1 / distance, a split where both sides hold at least `minClusterSize` points gives
/// two new clusters; a side smaller than that is points falling out of the cluster, which lives
/// on through the larger side. A cluster's stability is Σ (λ_leave − λ_birth) over its points and
/// child clusters (weighted by size); excess of mass keeps a cluster when its stability is at least
/// the summed stability of the clusters selected below it, bottom-up, the root excluded.
///
/// References: R. Campello, D. Moulavi and J. Sander, "Density-based clustering based on
/// hierarchical density estimates" (PAKDD 2013); L. McInnes, J. Healy and S. Astels, "hdbscan:
/// Hierarchical density based clustering" (JOSS 2017), whose labelling and membership
/// probabilities this follows.
struct CondensedTree {
    /// One row: `child` (a point below `pointCount`, or a cluster id) leaves or is born from `parent` at `lambda`.
    struct Row {
        var parent: Int
        var child: Int
        var lambda: Double
        var childSize: Int
    }

    let pointCount: Int
    /// Rows, parents before their children's rows.
    private(set) var rows: [Row] = []
    /// Cluster ids run from `pointCount` (the root) to `pointCount + clusterCount − 1`; a child's id exceeds its parent's.
    private(set) var clusterCount = 1

    /// Condenses the single-linkage hierarchy of `edges` (a spanning tree over `pointCount` points).
    init(pointCount n: Int, edges: [MutualReachabilityTree.Edge], minClusterSize: Int) {
        pointCount = n
        guard n > 1 else { return }
        // Single linkage: node n + i joins left[i] and right[i] at distance[i].
        let sortedEdges = edges.sorted { $0.weight < $1.weight }
        var left = [Int](repeating: 0, count: n - 1), right = left, size = left
        var distance = [Float](repeating: 0, count: n - 1)
        var sets = DisjointSets(count: n)
        var nodeOfSet = Array(0..<n)
        for (i, edge) in sortedEdges.enumerated() {
            let (ra, rb) = (sets.find(Int(edge.a)), sets.find(Int(edge.b)))
            let (na, nb) = (nodeOfSet[ra], nodeOfSet[rb])
            left[i] = na
            right[i] = nb
            distance[i] = edge.weight
            size[i] = (na < n ? 1 : size[na - n]) + (nb < n ? 1 : size[nb - n])
            sets.union(ra, rb)
            nodeOfSet[sets.find(ra)] = n + i
        }
        func count(_ node: Int) -> Int { node < n ? 1 : size[node - n] }
        func points(under node: Int) -> [Int] {
            var out: [Int] = [], stack = [node]
            while let top = stack.popLast() {
                if top < n { out.append(top) } else { stack.append(right[top - n]); stack.append(left[top - n]) }
            }
            return out
        }
        // Walk down from the root; `label` is the condensed cluster a hierarchy node belongs to.
        var work: [(node: Int, label: Int)] = [(2 * n - 2, n)]
        var nextLabel = n + 1
        var head = 0
        while head < work.count {
            let (node, label) = work[head]
            head += 1
            guard node >= n else { continue }
            let i = node - n
            let lambda = distance[i] > 0 ? 1 / Double(distance[i]) : .infinity
            let (l, r) = (left[i], right[i])
            let (lc, rc) = (count(l), count(r))
            if lc >= minClusterSize && rc >= minClusterSize {
                for (child, childCount) in [(l, lc), (r, rc)] {
                    rows.append(Row(parent: label, child: nextLabel, lambda: lambda, childSize: childCount))
                    work.append((child, nextLabel))
                    nextLabel += 1
                }
            } else {
                for (child, childCount) in [(l, lc), (r, rc)] {
                    if childCount < minClusterSize {
                        for point in points(under: child) { rows.append(Row(parent: label, child: point, lambda: lambda, childSize: 1)) }
                    } else {
                        work.append((child, label))
                    }
                }
            }
        }
        clusterCount = nextLabel - n
    }

    /// The clusters excess of mass selects (ids), and every cluster's parent (the root's is −1).
    func selectClusters() -> (selected: [Bool], parent: [Int]) {
        let root = pointCount
        var birth = [Double](repeating: 0, count: clusterCount)
        var parent = [Int](repeating: -1, count: clusterCount)
        var children = [[Int]](repeating: [], count: clusterCount)
        for row in rows where row.child >= root {
            birth[row.child - root] = row.lambda
            parent[row.child - root] = row.parent
            children[row.parent - root].append(row.child - root)
        }
        var stability = [Double](repeating: 0, count: clusterCount)
        for row in rows {
            let gain = (row.lambda - birth[row.parent - root]) * Double(row.childSize)
            if !gain.isNaN { stability[row.parent - root] += gain }
        }
        var selected = [Bool](repeating: true, count: clusterCount)
        selected[0] = false
        // Children have higher ids than parents, so descending ids is bottom-up.
        for cluster in stride(from: clusterCount - 1, through: 1, by: -1) {
            let below = children[cluster].reduce(0.0) { $0 + stability[$1] }
            if below > stability[cluster] {
                selected[cluster] = false
                stability[cluster] = below
            } else {
                var stack = children[cluster]
                while let top = stack.popLast() { selected[top] = false; stack += children[top] }
            }
        }
        return (selected, parent.map { $0 < 0 ? -1 : $0 - root })
    }

    /// Each point's selected cluster (an index into the cluster ids, or −1 for noise) and its
    /// membership strength: λ at which it left, over the largest λ any direct child left that
    /// cluster at (1 for a cluster whose members never leave, 0 for noise).
    func labels(selected: [Bool], parent: [Int]) -> (labels: [Int], probabilities: [Float]) {
        let root = pointCount
        var selectedAncestor = [Int](repeating: -1, count: clusterCount)
        for cluster in 1..<max(clusterCount, 1) {
            selectedAncestor[cluster] = selected[cluster] ? cluster : selectedAncestor[parent[cluster]]
        }
        var deaths = [Double](repeating: 0, count: clusterCount)
        for row in rows { deaths[row.parent - root] = max(deaths[row.parent - root], row.lambda) }
        var labels = [Int](repeating: -1, count: pointCount)
        var probabilities = [Float](repeating: 0, count: pointCount)
        for row in rows where row.child < root {
            let cluster = selectedAncestor[row.parent - root]
            guard cluster >= 0 else { continue }
            labels[row.child] = cluster
            let top = deaths[cluster]
            probabilities[row.child] = top == 0 || !row.lambda.isFinite ? 1 : Float(min(row.lambda, top) / top)
        }
        return (labels, probabilities)
    }
}
