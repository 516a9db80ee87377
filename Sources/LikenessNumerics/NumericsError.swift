/// A numerical routine that failed.
public enum NumericsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A LAPACK routine returned a non-zero `info` (negative: a bad argument; positive: no convergence).
    case lapack(routine: String, info: Int)

    public var description: String {
        switch self {
        case let .lapack(routine, info): "LAPACK \(routine) failed (info \(info))"
        }
    }
}
