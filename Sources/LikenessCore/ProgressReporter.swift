/// Receives progress from long work. The library never prints; a shell injects a reporter.
public protocol ProgressReporter: Sendable {
    /// Called when a phase starts; `total` is nil when unknown.
    func begin(_ phase: String, total: Int?)
    /// Called as items complete.
    func advance(_ phase: String, completed: Int, total: Int?)
    /// Called when the phase ends.
    func end(_ phase: String)
}

/// A reporter that discards everything: the default for library callers.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func begin(_ phase: String, total: Int?) {}
    public func advance(_ phase: String, completed: Int, total: Int?) {}
    public func end(_ phase: String) {}
}
