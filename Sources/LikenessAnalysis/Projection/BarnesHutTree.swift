/// A quadtree over 2-D points whose cells know their point count and centre of mass, for the
/// Barnes–Hut approximation of t-SNE's repulsive forces.
///
/// Nodes live in flat arrays; a leaf holds up to ``leafSize`` points (a contiguous range of
/// ``order``), an inner node four consecutive children. Points closer together than 1e-12 of the
/// root cell stay in one leaf.
///
/// Reference: J. Barnes and P. Hut, "A hierarchical O(N log N) force-calculation algorithm"
/// (Nature, 1986); L. van der Maaten, "Accelerating t-SNE using tree-based algorithms" (JMLR, 2014).
struct BarnesHutTree {
    static let leafSize = 8

    /// Point indices, grouped so each leaf's points are contiguous (and near points near each other).
    private(set) var order: [Int32]
    private(set) var width: [Double] = []
    private(set) var massX: [Double] = []
    private(set) var massY: [Double] = []
    private(set) var count: [Int32] = []
    /// First of four children, or −1 for a leaf.
    private(set) var firstChild: [Int32] = []
    /// A leaf's points: `order[start[i] ..< start[i] + count[i]]`.
    private(set) var start: [Int32] = []

    /// Builds the tree over interleaved coordinates `y` (x₀, y₀, x₁, y₁, …).
    init(_ y: UnsafeBufferPointer<Double>, count n: Int) {
        order = (0..<Int32(n)).map { $0 }
        var lowX = Double.infinity, lowY = Double.infinity, highX = -Double.infinity, highY = -Double.infinity
        for i in 0..<n {
            lowX = min(lowX, y[2 * i]); highX = max(highX, y[2 * i])
            lowY = min(lowY, y[2 * i + 1]); highY = max(highY, y[2 * i + 1])
        }
        let side = max(highX - lowX, highY - lowY) * (1 + 1e-9) + 1e-300
        let reserve = 2 * n / Self.leafSize * 2 + 16
        width.reserveCapacity(reserve); massX.reserveCapacity(reserve); massY.reserveCapacity(reserve)
        count.reserveCapacity(reserve); firstChild.reserveCapacity(reserve); start.reserveCapacity(reserve)
        var scratch = [Int32](repeating: 0, count: n)
        appendNode(side)
        build(node: 0, y, from: 0, to: n, cornerX: lowX, cornerY: lowY, side: side, minimumSide: side * 1e-12, scratch: &scratch)
    }

    private mutating func appendNode(_ side: Double) {
        width.append(side); massX.append(0); massY.append(0); count.append(0); firstChild.append(-1); start.append(0)
    }

    private mutating func build(node: Int, _ y: UnsafeBufferPointer<Double>, from: Int, to: Int, cornerX: Double, cornerY: Double,
                                side: Double, minimumSide: Double, scratch: inout [Int32]) {
        var sumX = 0.0, sumY = 0.0
        for p in from..<to { let i = Int(order[p]); sumX += y[2 * i]; sumY += y[2 * i + 1] }
        let points = to - from
        count[node] = Int32(points)
        start[node] = Int32(from)
        massX[node] = points > 0 ? sumX / Double(points) : 0
        massY[node] = points > 0 ? sumY / Double(points) : 0
        guard points > Self.leafSize, side > minimumSide else { return }
        // Partition the range into the four quadrants (counting sort through `scratch`).
        let half = side / 2, midX = cornerX + half, midY = cornerY + half
        var sizes = [0, 0, 0, 0]
        for p in from..<to {
            let i = Int(order[p])
            sizes[(y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0)] += 1
        }
        var offsets = [from, from + sizes[0], from + sizes[0] + sizes[1], from + sizes[0] + sizes[1] + sizes[2]]
        let bounds = offsets
        for p in from..<to {
            let i = Int(order[p])
            let quadrant = (y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0)
            scratch[offsets[quadrant]] = order[p]
            offsets[quadrant] += 1
        }
        for p in from..<to { order[p] = scratch[p] }
        let first = width.count
        firstChild[node] = Int32(first)
        for _ in 0..<4 { appendNode(half) }
        for quadrant in 0..<4 {
            build(node: first + quadrant, y, from: bounds[quadrant], to: bounds[quadrant] + sizes[quadrant],
                  cornerX: cornerX + (quadrant & 1 == 1 ? half : 0), cornerY: cornerY + (quadrant & 2 == 2 ? half : 0),
                  side: half, minimumSide: minimumSide, scratch: &scratch)
        }
    }

    /// For the point `i` at (x, y): Σⱼ qⱼ and Σⱼ qⱼ² (yᵢ − yⱼ) over all other points, with
    /// qⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²), a cell standing for its points when its side is below
    /// `theta` × its distance to the centre of mass.
    @inline(__always)
    func repulsion(of i: Int, x: Double, y: Double, theta: Double, positions: UnsafeBufferPointer<Double>,
                   stack: inout [Int32]) -> (z: Double, fx: Double, fy: Double) {
        var z = 0.0, fx = 0.0, fy = 0.0
        let theta2 = theta * theta
        stack.removeAll(keepingCapacity: true)
        stack.append(0)
        while let top = stack.popLast() {
            let node = Int(top)
            let points = Int(count[node])
            if points == 0 { continue }
            let child = Int(firstChild[node])
            if child < 0 {
                let first = Int(start[node])
                for p in first..<(first + points) {
                    let j = Int(order[p])
                    if j == i { continue }
                    let dx = x - positions[2 * j], dy = y - positions[2 * j + 1]
                    let q = 1 / (1 + dx * dx + dy * dy)
                    z += q
                    fx += q * q * dx
                    fy += q * q * dy
                }
                continue
            }
            let dx = x - massX[node], dy = y - massY[node]
            let d2 = dx * dx + dy * dy
            if width[node] * width[node] < theta2 * d2 {
                let q = 1 / (1 + d2), m = Double(points)
                z += m * q
                fx += m * q * q * dx
                fy += m * q * q * dy
            } else {
                for c in 0..<4 { stack.append(Int32(child + c)) }
            }
        }
        return (z, fx, fy)
    }
}
