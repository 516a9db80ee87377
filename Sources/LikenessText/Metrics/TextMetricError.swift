/// Why a string metric cannot compare two strings or take a parameter.
public enum TextMetricError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Hamming distance compares strings of equal length only (lengths in Unicode scalars).
    case unequalLengths(Int, Int)
    /// A parameter out of its range, named as the user spells it.
    case badParameter(name: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .unequalLengths(a, b): "Hamming distance needs strings of equal length; these have \(a) and \(b) characters (Unicode scalars)"
        case let .badParameter(name, value, reason): "\(name) \(value): \(reason)"
        }
    }
}
