/// The Earth Mover's Distance between histograms whose bins sit at points of a Euclidean space,
/// the ground distance between two bins being the Euclidean distance between their points.
///
/// This is what ``Metric/emd`` computes for a method whose bins have a geometry but no 1-D order
/// (the HSV colour histogram, whose points are given in `ColorHistogram.earthMovers`). Exact in
/// every case, by one of two paths:
///
/// - **Closed form** when every bin holding mass in either histogram lies on one of the declared
///   ``lines`` (for the HSV histogram: the grey axis, so two greyscale images): on a line the EMD
///   is `Σ |Xₖ − Yₖ| (pₖ₊₁ − pₖ)` over the bins sorted by position `p`, with `X`, `Y` the
///   cumulative masses (the first Wasserstein distance on the line). O(bins).
/// - Otherwise the **transportation problem** (``Transportation``) restricted to the bins that
///   hold mass: empty bins carry no flow, so dropping them changes nothing but the size.
///
/// Both histograms are scaled to unit mass; their masses must agree within
/// ``EarthMovers/massTolerance``. Reference: Rubner, Tomasi & Guibas, IJCV 2000.
public struct GroundedEarthMovers: Sendable, Hashable {
    /// The point of every bin, each with the same number of coordinates.
    public let points: [[Double]]
    /// Groups of bins whose points are collinear, each sorted along its line, with every bin's
    /// position on that line (its distance from the group's first point).
    public let lines: [[Int]]
    /// For every bin, the line it lies on (index into ``lines``) and its position there; nil off every line.
    private let onLine: [(line: Int, position: Double)?]

    /// Bins at `points`, with `lines` groups of bins declared collinear (checked: every point of a
    /// group within 1e-9 of the line through its two farthest-apart points).
    public init(points: [[Double]], lines: [[Int]] = []) throws(MetricError) {
        guard let dimension = points.first?.count, dimension > 0 else { throw .badGroundDistance("needs at least one bin with coordinates") }
        guard points.allSatisfy({ $0.count == dimension && $0.allSatisfy(\.isFinite) }) else {
            throw .badGroundDistance("every bin needs \(dimension) finite coordinates")
        }
        var onLine = [(line: Int, position: Double)?](repeating: nil, count: points.count)
        var sortedLines: [[Int]] = []
        for group in lines {
            guard group.count >= 2, group.allSatisfy({ points.indices.contains($0) && onLine[$0] == nil }) else {
                throw .badGroundDistance("a line needs two or more distinct bins, each on one line only")
            }
            let placed = try Self.positions(of: group, points: points)
            let sorted = zip(group, placed).sorted { $0.1 < $1.1 }
            for (bin, position) in sorted { onLine[bin] = (sortedLines.count, position) }
            sortedLines.append(sorted.map(\.0))
        }
        self.points = points
        self.lines = sortedLines
        self.onLine = onLine
    }

    public static func == (a: GroundedEarthMovers, b: GroundedEarthMovers) -> Bool { a.points == b.points && a.lines == b.lines }
    public func hash(into hasher: inout Hasher) { hasher.combine(points); hasher.combine(lines) }

    /// Number of bins.
    public var binCount: Int { points.count }

    /// The ground distance between bins `i` and `j`.
    public func ground(_ i: Int, _ j: Int) -> Double {
        var sum = 0.0
        for (a, b) in zip(points[i], points[j]) { sum += (a - b) * (a - b) }
        return sum.squareRoot()
    }

    /// The EMD between two histograms over these bins, checked: equal lengths, finite,
    /// non-negative, equal positive mass.
    public func distance(_ x: [Float], _ y: [Float]) throws(MetricError) -> Double {
        guard x.count == binCount, y.count == binCount else { throw .unequalLengths(x.count, y.count == binCount ? binCount : y.count) }
        return try x.withUnsafeBufferPointer { a throws(MetricError) in
            try y.withUnsafeBufferPointer { b throws(MetricError) in
                try Metric.emd.checkDomain(a)
                try Metric.emd.checkDomain(b)
                let masses = try EarthMovers.checkedMasses(a, b)
                return unchecked(a, b, masses: masses)
            }
        }
    }

    /// The EMD on histograms already checked (``binCount`` long, finite, non-negative), nil when
    /// their masses are not equal and positive. For scans that check every vector once.
    public func unchecked(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double? {
        guard let masses = try? EarthMovers.checkedMasses(x, y) else { return nil }
        return unchecked(x, y, masses: masses)
    }

    private func unchecked(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, masses: (Double, Double)) -> Double {
        var supply: [Int] = [], demand: [Int] = [], line: Int?, oneLine = true
        for i in 0..<binCount {
            guard x[i] > 0 || y[i] > 0 else { continue }
            if x[i] > 0 { supply.append(i) }
            if y[i] > 0 { demand.append(i) }
            if oneLine {
                if let placed = onLine[i], line == nil || line == placed.line { line = placed.line } else { oneLine = false }
            }
        }
        if oneLine, let line { return onLineDistance(x, y, line: lines[line], masses: masses) }
        let cost = supply.flatMap { i in demand.map { j in ground(i, j) } }
        // The ground distances are finite and non-negative and the masses checked, so neither throws.
        let problem = try! Transportation(supplyCount: supply.count, demandCount: demand.count, cost: cost)
        return try! problem.solve(supply: supply.map { x[$0] }, demand: demand.map { y[$0] }).distance
    }

    /// `Σ |Xₖ − Yₖ| (pₖ₊₁ − pₖ)` along one line's bins in order.
    private func onLineDistance(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, line: [Int], masses: (Double, Double)) -> Double {
        var cx = 0.0, cy = 0.0, total = 0.0
        for k in 0..<(line.count - 1) {
            cx += Double(x[line[k]]) / masses.0
            cy += Double(y[line[k]]) / masses.1
            total += abs(cx - cy) * (onLine[line[k + 1]]!.position - onLine[line[k]]!.position)
        }
        return total
    }

    /// Each bin's distance from the first of the two farthest-apart points of the group, after
    /// checking that every point lies on the line through those two.
    private static func positions(of group: [Int], points: [[Double]]) throws(MetricError) -> [Double] {
        func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
        var (from, to, span) = (group[0], group[0], 0.0)
        for i in group { for j in group where distance(points[i], points[j]) > span { (from, to, span) = (i, j, distance(points[i], points[j])) } }
        guard span > 0 else { throw .badGroundDistance("the bins of a line must not all sit at one point") }
        let direction = zip(points[to], points[from]).map { ($0 - $1) / span }
        return try group.map { bin throws(MetricError) in
            let offset = zip(points[bin], points[from]).map { $0 - $1 }
            let along = zip(offset, direction).reduce(0) { $0 + $1.0 * $1.1 }
            let away = zip(offset, direction).map { $0 - along * $1 }
            guard away.reduce(0, { $0 + $1 * $1 }).squareRoot() <= 1e-9 else { throw .badGroundDistance("bin \(bin) is not on the line of its group") }
            return along
        }
    }
}
