/// A single-channel float image, row-major: what hashers work on.
public struct GreyImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var values: [Float]

    public init(width: Int, height: Int, values: [Float]) {
        precondition(values.count == width * height, "grey image must hold width × height values")
        self.width = width
        self.height = height
        self.values = values
    }

    /// Luma of an RGB buffer (BT.601 weights, as Pillow's "L" conversion), in [0, 255].
    public init(_ pixels: PixelBuffer) {
        self.init(width: pixels.width, height: pixels.height, values: pixels.luma())
    }

    public subscript(x: Int, y: Int) -> Float {
        get { values[y * width + x] }
        set { values[y * width + x] = newValue }
    }
}

extension Array where Element == Float {
    /// The median (mean of the two middle values for even counts), as numpy.median.
    public func median() -> Float {
        precondition(!isEmpty, "median of an empty array")
        let sorted = self.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The arithmetic mean.
    public func mean() -> Float {
        precondition(!isEmpty, "mean of an empty array")
        return reduce(0, +) / Float(count)
    }
}
