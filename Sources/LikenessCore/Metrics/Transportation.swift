/// The Earth Mover's Distance for any ground distance: the transportation problem
///
///     minimise Σᵢⱼ cᵢⱼ fᵢⱼ  subject to  fᵢⱼ ≥ 0,  Σⱼ fᵢⱼ = aᵢ,  Σᵢ fᵢⱼ = bⱼ,
///
/// with supply `a` (n bins) and demand `b` (m bins) each scaled to unit mass, so the value is
/// the least work per unit of mass moved (Rubner, Tomasi & Guibas 2000).
///
/// Solved exactly as a min-cost flow by successive shortest paths (Ahuja, Magnanti & Orlin,
/// *Network Flows*, 1993, §9.7): source → supply bins → demand bins → sink, each augmenting path
/// found by Dijkstra on reduced costs kept non-negative by node potentials (Edmonds–Karp 1972).
/// Each augmentation exhausts a supply, a demand, or a flow, so there are about n + m of them;
/// each costs O((n + m)²) here on the dense bipartite graph. Meant for small histograms (up to a
/// few hundred bins).
public struct Transportation: Sendable {
    /// Number of supply bins (rows of the ground distance).
    public let supplyCount: Int
    /// Number of demand bins (columns).
    public let demandCount: Int
    /// Row-major `supplyCount × demandCount` ground distances.
    public let cost: [Double]

    /// A problem over this ground distance, row-major `supplyCount × demandCount`; every entry
    /// must be finite and non-negative.
    public init(supplyCount: Int, demandCount: Int, cost: [Double]) throws(MetricError) {
        guard supplyCount > 0, demandCount > 0 else { throw .badGroundDistance("needs at least one supply and one demand bin") }
        guard cost.count == supplyCount * demandCount else {
            throw .badGroundDistance("\(cost.count) values for \(supplyCount) × \(demandCount) bins")
        }
        if let bad = cost.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw .badGroundDistance("entry (\(bad / demandCount), \(bad % demandCount)) is \(cost[bad]); entries must be finite and non-negative")
        }
        self.supplyCount = supplyCount
        self.demandCount = demandCount
        self.cost = cost
    }

    /// The ground distance `|i − j|` between bins of one ordered axis; with it the result equals
    /// the closed form of ``EarthMovers``.
    public static func line(bins: Int) throws(MetricError) -> Transportation {
        try Transportation(supplyCount: bins, demandCount: bins,
                           cost: (0..<(bins * bins)).map { Double(abs($0 / bins - $0 % bins)) })
    }

    /// The least cost per unit mass of moving `supply` onto `demand`, and the flow that achieves it
    /// (row-major, scaled to unit mass). Both must be non-negative, of the problem's lengths, and
    /// of equal mass within ``EarthMovers/massTolerance``.
    public func solve(supply: [Float], demand: [Float]) throws(MetricError) -> (distance: Double, flow: [Double]) {
        guard supply.count == supplyCount else { throw .unequalLengths(supply.count, supplyCount) }
        guard demand.count == demandCount else { throw .unequalLengths(demand.count, demandCount) }
        for histogram in [supply, demand] {
            for (position, v) in histogram.enumerated() {
                guard v.isFinite else { throw .nonFinite(position: position) }
                guard v >= 0 else { throw .negativeValue(.emd, position: position, value: Double(v)) }
            }
        }
        let masses = try supply.withUnsafeBufferPointer { s throws(MetricError) in
            try demand.withUnsafeBufferPointer { d throws(MetricError) in try EarthMovers.checkedMasses(s, d) }
        }
        var solver = FlowSolver(problem: self, supply: supply.map { Double($0) / masses.0 }, demand: demand.map { Double($0) / masses.1 })
        return solver.run()
    }
}
