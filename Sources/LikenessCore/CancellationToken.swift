import Synchronization

/// A request to stop long work, set by a shell (Ctrl-C, a server's cancel button) and polled by
/// jobs between items, so a job stops at a point where everything finished so far is kept.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the work to stop at its next check.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// True once a stop was requested.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Throws ``Cancelled`` once a stop was requested.
    public func check() throws(Cancelled) {
        if isCancelled { throw Cancelled() }
    }
}

/// Thrown by work that stopped because its ``CancellationToken`` was cancelled.
public struct Cancelled: Error, Sendable, Equatable, CustomStringConvertible {
    public init() {}
    public var description: String { "stopped on request; everything finished before the stop is kept" }
}
