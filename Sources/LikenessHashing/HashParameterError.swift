/// A hasher was configured with parameters it cannot work with.
public struct HashParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var method: String
    public var message: String

    public var description: String { "\(method): \(message)" }
}
