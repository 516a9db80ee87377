import LikenessCore
import Synchronization

/// A progress reporter that remembers the phases begun and the last count of each.
final class ProgressRecorder: ProgressReporter {
    private let state = Mutex<(phases: [String], completed: [String: Int])>(([], [:]))

    func begin(_ phase: String, total: Int?) { state.withLock { $0.phases.append(phase) } }
    func advance(_ phase: String, completed: Int, total: Int?) { state.withLock { $0.completed[phase] = completed } }
    func end(_ phase: String) {}

    var phases: [String] { state.withLock { $0.phases } }
    func lastCompleted(_ phase: String) -> Int? { state.withLock { $0.completed[phase] } }
}
