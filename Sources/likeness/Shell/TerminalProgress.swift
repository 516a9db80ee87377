import Foundation
import LikenessCore
import Synchronization

/// Progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise.
final class TerminalProgress: ProgressReporter {
    private struct State {
        var started = Date()
        /// Starts at the beginning, so a short phase prints nothing.
        var lastDraw = Date()
        var drewBar = false
    }

    private let isTerminal: Bool
    private let state = Mutex(State())
    private let quiet: Bool

    init(quiet: Bool = false) {
        self.isTerminal = isatty(STDERR_FILENO) == 1
        self.quiet = quiet
    }

    func begin(_ phase: String, total: Int?) {
        state.withLock { $0 = State() }
    }

    func advance(_ phase: String, completed: Int, total: Int?) {
        guard !quiet else { return }
        let line: String? = state.withLock { state in
            let now = Date()
            let interval = isTerminal ? 0.1 : 5.0
            guard now.timeIntervalSince(state.lastDraw) >= interval || completed == total else { return nil }
            if !isTerminal && completed == total && !state.drewBar { return nil }
            state.lastDraw = now
            state.drewBar = true
            let elapsed = now.timeIntervalSince(state.started)
            let rate = elapsed > 0 ? Double(completed) / elapsed : 0
            return Self.render(phase, completed: completed, total: total, rate: rate, bar: isTerminal)
        }
        guard let line else { return }
        let text = isTerminal ? "\r\u{1B}[2K" + line : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func end(_ phase: String) {
        let drew = state.withLock { $0.drewBar }
        if isTerminal && drew && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func render(_ phase: String, completed: Int, total: Int?, rate: Double, bar: Bool) -> String {
        let speed = String(format: "%.1f/s", rate)
        guard let total, total > 0 else { return "\(phase): \(completed) \(speed)" }
        let fraction = Double(completed) / Double(total)
        let percent = String(format: "%3.0f%%", fraction * 100)
        let remaining = rate > 0 ? String(format: " eta %.0fs", Double(total - completed) / rate) : ""
        guard bar else { return "\(phase): \(completed)/\(total) \(percent) \(speed)\(remaining)" }
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let drawn = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\(phase) \(drawn) \(completed)/\(total) \(percent) \(speed)\(remaining)"
    }
}
