import LikenessNumerics

/// Why a clustering or a projection cannot be fitted to the points it was given.
public enum FitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The points are unusable: none, of different lengths, or holding NaN or an infinity.
    case badPoints(MatrixError)
    /// The method needs more points than it was given (k-means with k above N, a t-SNE whose
    /// perplexity needs more neighbours than there are points, ...).
    case tooFewPoints(points: Int, needed: Int)
    /// A parameter out of its range, named as the user spells it.
    case badParameter(name: String, value: String, reason: String)
    /// The method keeps an N × N matrix and N is above what it accepts.
    case tooManyPoints(points: Int, limit: Int)
    /// A numerical routine failed.
    case numerics(NumericsError)
    /// Stopped on request.
    case cancelled

    public var description: String {
        switch self {
        case let .badPoints(error): "unusable points: \(error)"
        case let .tooFewPoints(points, needed): "\(points) points, but at least \(needed) are needed"
        case let .badParameter(name, value, reason): "\(name) \(value): \(reason)"
        case let .tooManyPoints(points, limit): "\(points) points is more than this method handles (at most \(limit)); reduce the set or choose another method"
        case let .numerics(error): error.description
        case .cancelled: "stopped on request"
        }
    }
}
