import LikenessCore
import Synchronization

/// A progress reporter that remembers the phases begun and the last count of each, and runs
/// `onAdvance` at each advance (to stop the work midway, for example).
public final class ProgressRecorder: ProgressReporter {
    private let state = Mutex<(phases: [String], completed: [String: Int])>(([], [:]))
    private let onAdvance: @Sendable (String, Int) -> Void

    public init(onAdvance: @escaping @Sendable (String, Int) -> Void = { _, _ in }) {
        self.onAdvance = onAdvance
    }

    public func begin(_ phase: String, total: Int?) { state.withLock { $0.phases.append(phase) } }
    public func advance(_ phase: String, completed: Int, total: Int?) {
        state.withLock { $0.completed[phase] = completed }
        onAdvance(phase, completed)
    }
    public func end(_ phase: String) {}

    public var phases: [String] { state.withLock { $0.phases } }
    public func lastCompleted(_ phase: String) -> Int? { state.withLock { $0.completed[phase] } }
}
