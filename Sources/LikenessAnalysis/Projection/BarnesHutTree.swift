/// A quadtree over 2-D points whose cells know their point count and centre of mass, for the
/// Barnes–Hut approximation of t-SNE's repulsive forces.
///
/// Nodes live in one flat array; a leaf holds up to ``leafSize`` points (a contiguous range of
/// ``order``), an inner node four consecutive children. Points closer together than 1e-12 of the
/// root cell stay in one leaf.
///
/// Reference: J. Barnes and P. Hut, "A hierarchical O(N log N) force-calculation algorithm"
/// (Nature, 1986); L. van der Maaten, "Accelerating t-SNE using tree-based algorithms" (JMLR, 2014).
struct BarnesHutTree {
    static let leafSize = 8

    /// One cell.
    struct Node {
        var massX = 0.0
        var massY = 0.0
        /// The cell's side, squared.
        var squaredWidth: Double
        var count: Int32 = 0
        /// First of four children, or −1 for a leaf.
        var firstChild: Int32 = -1
        /// A leaf's points: `order[start ..< start + count]`.
        var start: Int32 = 0
    }

    /// Point indices, grouped so each leaf's points are contiguous (and near points near each other).
    private(set) var order: [Int32]
    private(set) var nodes: [Node] = []

    /// Builds the tree over interleaved coordinates `y` (x₀, y₀, x₁, y₁, …).
    init(_ y: UnsafeBufferPointer<Double>, count n: Int) {
        order = (0..<Int32(n)).map { $0 }
        var lowX = Double.infinity, lowY = Double.infinity, highX = -Double.infinity, highY = -Double.infinity
        for i in 0..<n {
            lowX = min(lowX, y[2 * i]); highX = max(highX, y[2 * i])
            lowY = min(lowY, y[2 * i + 1]); highY = max(highY, y[2 * i + 1])
        }
        let side = max(highX - lowX, highY - lowY) * (1 + 1e-9) + 1e-300
        nodes.reserveCapacity(2 * n / Self.leafSize * 2 + 16)
        var scratch = [Int32](repeating: 0, count: n)
        nodes.append(Node(squaredWidth: side * side))
        build(node: 0, y, from: 0, to: n, cornerX: lowX, cornerY: lowY, side: side, minimumSide: side * 1e-12, scratch: &scratch)
    }

    private mutating func build(node: Int, _ y: UnsafeBufferPointer<Double>, from: Int, to: Int, cornerX: Double, cornerY: Double,
                                side: Double, minimumSide: Double, scratch: inout [Int32]) {
        var sumX = 0.0, sumY = 0.0
        for p in from..<to { let i = Int(order[p]); sumX += y[2 * i]; sumY += y[2 * i + 1] }
        let points = to - from
        nodes[node].count = Int32(points)
        nodes[node].start = Int32(from)
        nodes[node].massX = points > 0 ? sumX / Double(points) : 0
        nodes[node].massY = points > 0 ? sumY / Double(points) : 0
        guard points > Self.leafSize, side > minimumSide else { return }
        // Partition the range into the four quadrants (counting sort through `scratch`).
        let half = side / 2, midX = cornerX + half, midY = cornerY + half
        var sizes = (0, 0, 0, 0)
        for p in from..<to {
            let i = Int(order[p])
            switch (y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0) {
            case 0: sizes.0 += 1
            case 1: sizes.1 += 1
            case 2: sizes.2 += 1
            default: sizes.3 += 1
            }
        }
        let bounds = [from, from + sizes.0, from + sizes.0 + sizes.1, from + sizes.0 + sizes.1 + sizes.2, to]
        var offsets = bounds
        for p in from..<to {
            let i = Int(order[p])
            let quadrant = (y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0)
            scratch[offsets[quadrant]] = order[p]
            offsets[quadrant] += 1
        }
        for p in from..<to { order[p] = scratch[p] }
        let first = nodes.count
        nodes[node].firstChild = Int32(first)
        for _ in 0..<4 { nodes.append(Node(squaredWidth: half * half)) }
        for quadrant in 0..<4 {
            build(node: first + quadrant, y, from: bounds[quadrant], to: bounds[quadrant + 1],
                  cornerX: cornerX + (quadrant & 1 == 1 ? half : 0), cornerY: cornerY + (quadrant & 2 == 2 ? half : 0),
                  side: half, minimumSide: minimumSide, scratch: &scratch)
        }
    }

    /// For the point `i` at (x, y): Σⱼ qⱼ and Σⱼ qⱼ² (yᵢ − yⱼ) over all other points, with
    /// qⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²), a cell standing for its points when its side is below
    /// `theta` × its distance to the centre of mass.
    @inline(__always)
    static func repulsion(of i: Int, x: Double, y: Double, theta2: Double, nodes: UnsafeBufferPointer<Node>,
                          order: UnsafeBufferPointer<Int32>, positions: UnsafeBufferPointer<Double>,
                          stack: UnsafeMutablePointer<Int32>) -> (z: Double, fx: Double, fy: Double) {
        var z = 0.0, fx = 0.0, fy = 0.0
        var depth = 1
        stack[0] = 0
        while depth > 0 {
            depth -= 1
            let node = nodes[Int(stack[depth])]
            let points = Int(node.count)
            if points == 0 { continue }
            if node.firstChild < 0 {
                let first = Int(node.start)
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
            let dx = x - node.massX, dy = y - node.massY
            let d2 = dx * dx + dy * dy
            if node.squaredWidth < theta2 * d2 {
                let q = 1 / (1 + d2), m = Double(points)
                z += m * q
                fx += m * q * q * dx
                fy += m * q * q * dy
            } else {
                let child = node.firstChild
                stack[depth] = child; stack[depth + 1] = child + 1; stack[depth + 2] = child + 2; stack[depth + 3] = child + 3
                depth += 4
            }
        }
        return (z, fx, fy)
    }
}
