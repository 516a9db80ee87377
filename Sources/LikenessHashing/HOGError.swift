/// Why HOG settings are refused.
public enum HOGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The cells do not make at least one 2 × 2 block on the image.
    case cellSize(Int, side: Int)
    /// Fewer than 2 or more than 180 orientation bins.
    case bins(Int)

    public var description: String {
        switch self {
        case let .cellSize(size, side): "HOG cell size \(size): needs at least 2 pixels and 2 × 2 cells on the \(side) × \(side) image (at most \(side / 2))"
        case let .bins(bins): "HOG bins \(bins): needs 2 to 180 orientation bins"
        }
    }
}
