extension Transportation {
    /// Successive shortest paths on the residual graph of one transportation problem.
    ///
    /// Nodes: 0 the source, 1…n the supply bins, n+1…n+m the demand bins, n+m+1 the sink. Edges:
    /// source → supply i (capacity: its supply left), supply i → demand j (unbounded, cost cᵢⱼ),
    /// its reverse demand j → supply i (capacity fᵢⱼ, cost −cᵢⱼ), demand j → sink (capacity: its
    /// demand left). Reverse edges into the source or out of the sink never lie on a shortest
    /// source–sink path, so they are left out.
    struct FlowSolver {
        let n: Int, m: Int
        let cost: [Double]
        var supplyLeft: [Double], demandLeft: [Double]
        var flow: [Double]
        /// Node potentials: reduced cost of u → v is `c − potential[v] + potential[u]` ≥ 0.
        var potential: [Double]
        /// Amounts below this are treated as zero (rounding of the unit mass).
        let epsilon = 1e-12

        init(problem: Transportation, supply: [Double], demand: [Double]) {
            n = problem.supplyCount
            m = problem.demandCount
            cost = problem.cost
            supplyLeft = supply
            demandLeft = demand
            flow = [Double](repeating: 0, count: n * m)
            potential = [Double](repeating: 0, count: n + m + 2)
        }

        var sink: Int { n + m + 1 }

        mutating func run() -> (distance: Double, flow: [Double]) {
            while let path = shortestPath() { augment(along: path) }
            var total = 0.0
            for k in 0..<(n * m) where flow[k] > 0 { total += flow[k] * cost[k] }
            return (total, flow)
        }

        /// Dijkstra from the source on reduced costs (dense, O(V²)); the predecessor of every
        /// node on the shortest path to the sink, or nil when no demand is left to reach.
        mutating func shortestPath() -> [Int]? {
            let count = n + m + 2
            var distance = [Double](repeating: .infinity, count: count)
            var previous = [Int](repeating: -1, count: count)
            var done = [Bool](repeating: false, count: count)
            distance[0] = 0
            while true {
                var u = -1
                for v in 0..<count where !done[v] && distance[v] < .infinity && (u < 0 || distance[v] < distance[u]) { u = v }
                guard u >= 0 else { break }
                done[u] = true
                if u == sink { break }
                func relax(_ v: Int, _ edgeCost: Double) {
                    let reduced = max(0, edgeCost - potential[v] + potential[u])
                    if !done[v] && distance[u] + reduced < distance[v] {
                        distance[v] = distance[u] + reduced
                        previous[v] = u
                    }
                }
                if u == 0 {
                    for i in 0..<n where supplyLeft[i] > epsilon { relax(1 + i, 0) }
                } else if u <= n {
                    let i = u - 1
                    for j in 0..<m { relax(1 + n + j, cost[i * m + j]) }
                } else {
                    let j = u - 1 - n
                    for i in 0..<n where flow[i * m + j] > epsilon { relax(1 + i, -cost[i * m + j]) }
                    if demandLeft[j] > epsilon { relax(sink, 0) }
                }
            }
            guard done[sink] else { return nil }
            // Potentials of the settled nodes move so reduced costs stay non-negative (the AtCoder
            // Library's rule: settled v gains dist(v) − dist(sink)).
            for v in 0..<count where done[v] { potential[v] += distance[v] - distance[sink] }
            return previous
        }

        /// Pushes the bottleneck amount along the path the predecessors trace from the sink.
        mutating func augment(along previous: [Int]) {
            var amount = Double.infinity
            var v = sink
            while v != 0 {
                let u = previous[v]
                amount = min(amount, capacity(from: u, to: v))
                v = u
            }
            v = sink
            while v != 0 {
                let u = previous[v]
                if u == 0 {
                    supplyLeft[v - 1] -= amount
                } else if v == sink {
                    demandLeft[u - 1 - n] -= amount
                } else if u <= n {
                    flow[(u - 1) * m + (v - 1 - n)] += amount
                } else {
                    let k = (v - 1) * m + (u - 1 - n)
                    flow[k] = max(0, flow[k] - amount)
                }
                v = u
            }
        }

        /// Residual capacity of one path edge.
        func capacity(from u: Int, to v: Int) -> Double {
            if u == 0 { return supplyLeft[v - 1] }
            if v == sink { return demandLeft[u - 1 - n] }
            if u <= n { return .infinity }
            return flow[(v - 1) * m + (u - 1 - n)]
        }
    }
}
