/// Why vectors cannot form a ``Matrix``.
public enum MatrixError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No vectors at all.
    case empty
    /// A vector whose length differs from the first one's (or an empty first vector).
    case ragged(row: Int, length: Int, expected: Int)
    /// A vector holding NaN or an infinity.
    case notFinite(row: Int)

    public var description: String {
        switch self {
        case .empty: "no vectors"
        case let .ragged(row, length, expected): "vector \(row) has \(length) values where \(expected) were expected"
        case let .notFinite(row): "vector \(row) holds NaN or an infinity"
        }
    }
}
